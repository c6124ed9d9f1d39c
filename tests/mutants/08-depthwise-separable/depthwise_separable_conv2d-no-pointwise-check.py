# Never checks pointwise_weight: a wrong channel count fails inside NumPy's matmul, whose message
# does not say which argument is wrong.
# loses: test_depthwise_separable_conv2d
# feedback: but the message does not name
# %% [depthwise_separable_conv2d]
def depthwise_separable_conv2d(x, depthwise_weight, pointwise_weight, bias=None, stride=1, padding=0):
    middle = depthwise_conv2d(x, depthwise_weight, stride=stride, padding=padding)
    n, c_mid, h, w = middle.shape
    mixing = np.asarray(pointwise_weight, dtype=float)[:, :, 0, 0]
    out = (mixing @ middle.reshape(n, c_mid, -1)).reshape(n, -1, h, w)
    if bias is not None:
        out += np.asarray(bias, dtype=float).reshape(1, -1, 1, 1)
    return out

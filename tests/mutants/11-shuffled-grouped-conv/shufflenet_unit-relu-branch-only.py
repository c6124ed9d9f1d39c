# Rectifies only the branch of a stride-2 unit and leaves the pooled shortcut as it is (as some
# released code does); the paper and convlab apply the ReLU after the concatenation.
# loses: test_shufflenet_unit
# feedback: looks like: only the branch is rectified
# %% [shufflenet_unit]
def shufflenet_unit(x, weight1, depthwise_weight, weight2, groups, stride=1):
    x = np.asarray(x, dtype=float)
    if stride not in (1, 2):
        raise ValueError(f"stride must be 1 or 2, got {stride!r}")
    hidden = np.maximum(pointwise_grouped_conv2d(x, weight1, groups), 0)
    hidden = depthwise3x3(channel_shuffle(hidden, groups), depthwise_weight, stride)
    branch = pointwise_grouped_conv2d(hidden, weight2, groups)
    if stride == 1:
        if branch.shape[1] != x.shape[1]:
            raise ValueError(f"weight2 makes {branch.shape[1]} channels, x has {x.shape[1]}")
        return np.maximum(x + branch, 0)
    average = np.full((x.shape[1], 1, 3, 3), 1 / 9)
    return np.concatenate([depthwise3x3(x, average, 2), np.maximum(branch, 0)], axis=1)


def depthwise3x3(x, weight, stride):
    n, c, h, w = x.shape
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    h_out, w_out = (h - 1) // stride + 1, (w - 1) // stride + 1
    out = np.zeros((n, c, h_out, w_out))
    for a in range(3):
        for b in range(3):
            window = padded[:, :, a : a + stride * h_out : stride, b : b + stride * w_out : stride]
            out += np.asarray(weight)[:, 0, a, b].reshape(1, c, 1, 1) * window
    return out

# 50 MB printed by an answer cell (the answers are right): the graded notebook keeps the
# first 64 KiB of it and stays under 1 MB.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# report: output of pad2d was cut at the grader's byte limit
# %% [pad2d]
print("x" * 50_000_000)


def pad2d(x, padding):
    x = np.asarray(x)
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    if ph < 0 or pw < 0:
        raise ValueError(f"padding must be >= 0, got {padding}")
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(ph, ph), (pw, pw)])

# Right answers with IPython syntax left in the answer cells (a %time, a shell escape): the
# re-check translates it as the kernel does, and IPython's features do nothing there.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# %% [conv_output_size]
def conv_output_size(i, k, stride=1, padding=0, dilation=1):
    span = dilation * (k - 1) + 1
    if span > i + 2 * padding:
        raise ValueError(f"k: the kernel spans {span} cells, more than the padded input")
    return (i + 2 * padding - span) // stride + 1


%time conv_output_size(224, 7, stride=2, padding=3)
files = !ls

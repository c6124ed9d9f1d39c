# Reads an (H_out, W_out) out_size as a square H_out x H_out output: right for int sizes (the
# visible checks).
# loses: test_bottleneck_macs
# feedback: looks like: out_size (H_out, W_out) read as a square H_out x H_out output
# %% [bottleneck_macs]
def bottleneck_macs(c_in, c_reduced, c_out, kernel_size, out_size):
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    size = out_size if np.ndim(out_size) == 0 else out_size[0]
    return (c_reduced * c_in + c_out * c_reduced * kh * kw) * size * size

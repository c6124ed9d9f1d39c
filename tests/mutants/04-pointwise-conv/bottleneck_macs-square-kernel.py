# Reads a (kH, kW) kernel_size as a square kH x kH kernel: right for int sizes (the visible checks).
# loses: test_bottleneck_macs
# feedback: looks like: kernel_size (kH, kW) read as a square kH x kH kernel
# %% [bottleneck_macs]
def bottleneck_macs(c_in, c_reduced, c_out, kernel_size, out_size):
    k = kernel_size if np.ndim(kernel_size) == 0 else kernel_size[0]
    h, w = (out_size, out_size) if np.ndim(out_size) == 0 else out_size
    return c_reduced * c_in * h * w + c_out * c_reduced * k * k * h * w

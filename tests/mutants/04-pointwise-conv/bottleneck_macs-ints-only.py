# Squares the sizes, so it handles ints only: a (kH, kW) or (H_out, W_out) pair raises TypeError.
# loses: test_bottleneck_macs
# feedback: TypeError
# %% [bottleneck_macs]
def bottleneck_macs(c_in, c_reduced, c_out, kernel_size, out_size):
    pixels = out_size**2
    return c_reduced * c_in * pixels + c_out * c_reduced * kernel_size**2 * pixels

# Checks only the upper bounds of a tap's pixel (y < H, x < W): with padding, a tap above or left
# of the image gets a negative index, which wraps to the other end. The visible checks have no padding.
# loses: test_conv_matrix
# %% [conv_matrix]
def conv_matrix(input_shape, kernel, stride=1, padding=0):
    kernel = np.asarray(kernel, dtype=float)
    h, w = input_shape
    kh, kw = kernel.shape
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    if kh > h + 2 * ph or kw > w + 2 * pw:
        raise ValueError("kernel larger than the padded input")
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    matrix = np.zeros((h_out * w_out, h * w))
    for i in range(h_out):
        for j in range(w_out):
            for a in range(kh):
                for b in range(kw):
                    y, x = i * sh + a - ph, j * sw + b - pw
                    if y < h and x < w:
                        matrix[i * w_out + j, y * w + x] = kernel[a, b]
    return matrix

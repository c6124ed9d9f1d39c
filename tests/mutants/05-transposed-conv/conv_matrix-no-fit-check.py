# Never checks that the kernel fits: a kernel taller than the padded input gives an empty matrix
# instead of a ValueError. The visible checks have kernels that fit.
# loses: test_conv_matrix
# feedback: returned instead of raising ValueError
# %% [conv_matrix]
def conv_matrix(input_shape, kernel, stride=1, padding=0):
    kernel = np.asarray(kernel, dtype=float)
    h, w = input_shape
    kh, kw = kernel.shape
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    matrix = np.zeros((h_out * w_out, h * w))
    for i in range(h_out):
        for j in range(w_out):
            for a in range(kh):
                for b in range(kw):
                    y, x = i * sh + a - ph, j * sw + b - pw
                    if 0 <= y < h and 0 <= x < w:
                        matrix[i * w_out + j, y * w + x] = kernel[a, b]
    return matrix

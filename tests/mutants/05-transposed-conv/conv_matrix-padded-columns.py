# Builds the matrix of the convolution of the zero-padded image, one column per padded pixel:
# the same as the right answer without padding (the visible cases), too many columns with it.
# loses: test_conv_matrix
# feedback: looks like: the columns are those of the padded image
# %% [conv_matrix]
def conv_matrix(input_shape, kernel, stride=1, padding=0):
    kernel = np.asarray(kernel, dtype=float)
    sh, sw = (stride, stride) if np.ndim(stride) == 0 else stride
    ph, pw = (padding, padding) if np.ndim(padding) == 0 else padding
    h, w = input_shape[0] + 2 * ph, input_shape[1] + 2 * pw
    kh, kw = kernel.shape
    if kh > h or kw > w:
        raise ValueError("kernel larger than the padded input")
    h_out, w_out = (h - kh) // sh + 1, (w - kw) // sw + 1
    matrix = np.zeros((h_out * w_out, h * w))
    for i in range(h_out):
        for j in range(w_out):
            for a in range(kh):
                for b in range(kw):
                    matrix[i * w_out + j, (i * sh + a) * w + j * sw + b] = kernel[a, b]
    return matrix

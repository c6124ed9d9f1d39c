# The last answer cell ends the kernel with os._exit(1): plain nbgrader loses the whole
# submission; here the cells before keep their points and the rest score 0.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=0
# report: the kernel exited with code 1
# %% [conv2d]
import os

os._exit(1)

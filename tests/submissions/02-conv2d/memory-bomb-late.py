# Memory allocated until none is left, before conv2d is defined: the kernel's memory limit
# turns it into a MemoryError (the machine is not starved), the earlier points are kept.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=0
# %% [conv2d]
hog = []
while True:
    hog.append(np.ones(10**8))

# An endless loop that ignores the interrupt (SIGINT): the kernel is killed at the time
# limit, the cells after it are not run, the earlier exercises keep their points.
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=0
# report: ignored the interrupt
# %% [conv2d]
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass

# The release, untouched: every automatic point lost, nothing to report.
# base: release
# scores: test_correlate1d=0, test_convolve1d=0, test_correlate2d=0, test_convolve2d=0

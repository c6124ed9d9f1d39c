# The test cell of pad2d deleted (the answers are right): nbgrader would skip its points
# silently; it is put back from the release, graded with the real tests, and reported.
# damage: delete test_pad2d
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# report: test cell test_pad2d was deleted

# conv2d written in an ordinary cell (the answer cell's nbgrader metadata lost): the test
# passes in the notebook, but the answer cell is put back empty, which the re-check runs.
# damage: unmark conv2d
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=0
# report: answer cell conv2d was deleted

# The test cell of conv2d copied (same grade id twice): the last copy is graded, the
# other runs as an ordinary cell, and the report says so.
# damage: duplicate test_conv2d
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# report: test cell test_conv2d appears 2 times

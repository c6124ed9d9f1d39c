# The grade id of pad2d's test cell changed: the renamed cell runs as an ordinary cell, the
# real test cell is put back and graded, and both are reported.
# damage: rename-cell test_pad2d test_pad2d_mine
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# report: unknown cell id 'test_pad2d_mine'
# report: test cell test_pad2d was deleted

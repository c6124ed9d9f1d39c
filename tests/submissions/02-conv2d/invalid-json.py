# A notebook cut off half-way (not JSON any more): not gradable, 0 points, reported with
# what to do; the rest of the class is graded.
# damage: invalid-json
# scores: test_conv_output_size=0, test_pad2d=0, test_conv2d=0
# report: invalid JSON in 02-conv2d.ipynb

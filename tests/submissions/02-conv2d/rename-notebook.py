# The notebook saved under another name: graded under its real name, and reported.
# damage: rename-notebook conv2d-final.ipynb
# scores: test_conv_output_size=2, test_pad2d=1, test_conv2d=3
# report: renamed notebook: submitted as conv2d-final.ipynb

# Never checks that groups divides C: NumPy's reshape error does not say which argument is wrong.
# loses: test_channel_shuffle
# feedback: raised ValueError as it should, but the message does not name
# %% [channel_shuffle]
def channel_shuffle(x, groups):
    x = np.asarray(x)
    n, c = x.shape[:2]
    grid = x.reshape(n, groups, c // groups, *x.shape[2:])
    return grid.swapaxes(1, 2).reshape(x.shape)

# Forgets the batch axis in the reshape: the grid mixes images, right only for N = 1 (the visible cases).
# loses: test_channel_shuffle
# %% [channel_shuffle]
def channel_shuffle(x, groups):
    x = np.asarray(x)
    c = x.shape[1]
    if groups < 1 or c % groups:
        raise ValueError(f"groups={groups} must divide C={c}")
    grid = x.reshape(groups, c // groups, -1)
    return grid.swapaxes(0, 1).reshape(x.shape)

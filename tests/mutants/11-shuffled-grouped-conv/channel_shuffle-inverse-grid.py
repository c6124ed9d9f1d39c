# Reads the channels as a (C/groups, groups) grid: the shuffle with C/groups groups, the inverse,
# which equals the right one only when groups = C/groups, as in both visible checks.
# loses: test_channel_shuffle
# feedback: looks like: the grid is (C/groups, groups)
# %% [channel_shuffle]
def channel_shuffle(x, groups):
    x = np.asarray(x)
    n, c = x.shape[:2]
    if groups < 1 or c % groups:
        raise ValueError(f"groups={groups} must divide C={c}")
    grid = x.reshape(n, c // groups, groups, *x.shape[2:])
    return grid.swapaxes(1, 2).reshape(x.shape)

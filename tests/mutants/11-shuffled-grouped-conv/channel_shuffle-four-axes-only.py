# Unpacks x as (N, C, H, W): right for the visible 4-D images, fails on (N, C), (N, C, L) or 5-D input.
# loses: test_channel_shuffle
# %% [channel_shuffle]
def channel_shuffle(x, groups):
    x = np.asarray(x)
    n, c, h, w = x.shape
    if groups < 1 or c % groups:
        raise ValueError(f"groups={groups} must divide C={c}")
    grid = x.reshape(n, groups, c // groups, h, w)
    return grid.transpose(0, 2, 1, 3, 4).reshape(n, c, h, w)

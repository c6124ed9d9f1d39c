# Never checks that vertical and horizontal have one row per filter: a single row broadcasts
# silently over all filters, and other mismatches fail inside NumPy without naming the argument.
# loses: test_flattened_weight
# feedback: returned instead of raising ValueError
# %% [flattened_weight]
def flattened_weight(lateral, vertical, horizontal):
    lateral, vertical, horizontal = (np.asarray(a, dtype=float) for a in (lateral, vertical, horizontal))
    return lateral[:, :, None, None] * vertical[:, None, :, None] * horizontal[:, None, None, :]

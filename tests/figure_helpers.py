"""What a matplotlib figure shows, read back as plain values for the widget tests."""

import numpy as np


def cells_coloured(image, colour):
    """(row, col) of the cells of an AxesImage painted `colour`."""
    pixels = np.asarray(image.get_array())
    return {tuple(map(int, rc)) for rc in np.argwhere(np.all(pixels == colour, axis=-1))}

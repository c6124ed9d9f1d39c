"""Sample images for the notebooks: files that ship with installed packages, or made here.

Nothing is downloaded. Images are float64 in [0, 1].
"""

import functools
import gzip

import numpy as np


def _sample_path(name):
    from matplotlib import cbook

    return cbook.get_sample_data(name, asfileobj=False)


def grace_hopper(size=None):
    """Grace Hopper's portrait (matplotlib's sample data) in grey, shape (H, W) = (600, 512).

    Parameters
    ----------
    size : int, optional
        Downsample by block averaging so that the width is about `size` pixels.
    """
    grey = _grace_hopper_rgb() @ np.array([0.299, 0.587, 0.114])  # ITU-R 601 luma
    return _downsample(grey, size)


def grace_hopper_rgb(size=None):
    """Grace Hopper's portrait in colour, channels first: shape (3, 600, 512), R, G, B.

    Parameters
    ----------
    size : int, optional
        Downsample by block averaging so that the width is about `size` pixels.

    Examples
    --------
    >>> grace_hopper_rgb(64).shape
    (3, 75, 64)
    """
    rgb = _grace_hopper_rgb()
    return np.stack([_downsample(rgb[..., c], size) for c in range(3)])


def _grace_hopper_rgb():
    from matplotlib import image

    return image.imread(_sample_path("grace_hopper.jpg"))[..., :3].astype(np.float64) / 255.0


def mri_slice(size=None):
    """A 256 x 256 MRI slice of a head (matplotlib's ``s1045.ima.gz``), scaled to [0, 1]."""
    with gzip.open(_sample_path("s1045.ima.gz")) as file:
        raw = np.frombuffer(file.read(), np.uint16).reshape(256, 256).astype(np.float64)
    return _downsample(raw / raw.max(), size)


def step_signal(n=32, seed=0):
    """A 1-D test signal: two steps and a spike on a little noise, length `n`."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    signal = (t >= n // 4).astype(float) - 0.5 * (t >= 3 * n // 4)
    signal[n // 2] += 1.0
    return signal + 0.05 * rng.standard_normal(n)


def _downsample(image, size):
    if size is None:
        return image
    if size < 1:
        raise ValueError(f"size must be >= 1, got {size}")
    factor = max(1, image.shape[1] // size)
    h, w = (image.shape[0] // factor) * factor, (image.shape[1] // factor) * factor
    return image[:h, :w].reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3))


def vessels(size=32, seed=0):
    """A synthetic angiogram: bright tubes winding through a dark (D, H, W) volume.

    Each vessel is a smooth curve from one face of the cube to the opposite one (a straight
    line plus two sine waves of random phase), most along the depth axis; some have a
    thinner branch leaving from their middle third. A voxel's brightness falls off as a
    Gaussian of its distance to the nearest centre line, and a little noise is added, as in
    a CT or MRI scan. Made with NumPy from `seed`: nothing is downloaded.

    Parameters
    ----------
    size : int, >= 8
        D = H = W = `size` voxels.
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same volume.

    Returns
    -------
    ndarray, shape (size, size, size), float64 in [0, 1]
        Axis 0 is the depth (the slice index), then height and width.

    Examples
    --------
    >>> volume = vessels(16)
    >>> volume.shape, volume.dtype, bool(volume.min() >= 0.0 and volume.max() <= 1.0)
    ((16, 16, 16), dtype('float64'), True)
    >>> bool(np.array_equal(volume, vessels(16)))  # deterministic
    True
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 8:
        raise ValueError(f"size must be an integer >= 8, got {size!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    return _vessels(size, seed).copy()


@functools.lru_cache(maxsize=4)  # a notebook draws the same volume twice (figure, explorer)
def _vessels(size, seed):
    rng = np.random.default_rng(seed)
    centre_lines, radii = [], []
    for axis in (0, 0, 1, 2, 0):  # most vessels run through the slices, some across them
        line = _winding_line(rng, size, axis)
        centre_lines.append(line)
        radii.append(rng.uniform(0.035, 0.055) * size)
        if rng.random() < 0.6:  # a thinner branch from the middle third of the vessel
            start = line[rng.integers(len(line) // 3, 2 * len(line) // 3)]
            centre_lines.append(_winding_line(rng, size, (axis + 1) % 3, start=start))
            radii.append(0.6 * radii[-1])
    volume = np.zeros((size, size, size))
    for line, radius in zip(centre_lines, radii):
        reach = int(np.ceil(3 * radius))  # exp(-4.5) < 0.012: the tube ends there
        for point in line:  # about half a voxel apart
            low = np.maximum(np.floor(point).astype(int) - reach, 0)
            high = np.minimum(np.ceil(point).astype(int) + reach + 1, size)
            box = tuple(slice(a, b) for a, b in zip(low, high))
            axes = np.ogrid[box]
            squared = sum((coordinate - c) ** 2 for coordinate, c in zip(axes, point))
            np.maximum(volume[box], np.exp(-0.5 * squared / radius**2), out=volume[box])
    return np.clip(volume + 0.03 * rng.standard_normal(volume.shape), 0.0, 1.0)


def _winding_line(rng, size, axis, start=None):
    """Points (4 size, 3) of a smooth curve crossing the cube along `axis`."""
    t = np.linspace(0.0, 1.0, 4 * size)[:, None]
    if start is None:
        start = rng.uniform(0.15, 0.85, 3) * (size - 1)
        start[axis] = 0.0
    end = rng.uniform(0.15, 0.85, 3) * (size - 1)
    end[axis] = size - 1.0 if start[axis] < size / 2 else 0.0
    wiggle = sum(
        rng.uniform(0.04, 0.1)
        * size
        * np.sin(np.pi * (k * t + rng.uniform(0, 2)))
        * rng.normal(size=3)
        for k in (1, 2)
    )
    wiggle[:, axis] = 0.0  # the curve keeps going forward along its axis
    return start + t * (end - start) + wiggle * np.sin(np.pi * t)

"""Sample images for the notebooks: files that ship with installed packages, or made here.

Nothing is downloaded. Images are float64 in [0, 1].
"""

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
    from matplotlib import image

    rgb = image.imread(_sample_path("grace_hopper.jpg")).astype(np.float64) / 255.0
    grey = rgb[..., :3] @ np.array([0.299, 0.587, 0.114])  # ITU-R 601 luma
    return _downsample(grey, size)


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

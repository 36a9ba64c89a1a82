# expect: lose stability, complexity
# Gotcha: block maxima whose padding is np.full(..., -np.inf): the padded array is float64,
# so ints beyond 2**53 come back rounded (and every value is converted, which the complexity
# tests see).
"""Sliding window maximum from block maxima padded with -inf. n = len(nums), k the window."""

import numpy as np


def max_sliding_window(nums, k):
    n = len(nums)
    blocks = -(-n // k)  # ceil(n / k)
    padded = np.full(blocks * k, -np.inf)  # (blocks * k,) float64: wrong for large ints
    padded[:n] = nums
    grid = padded.reshape(blocks, k)  # (blocks, k)
    prefix = np.maximum.accumulate(grid, axis=1).reshape(-1)  # max from block start
    suffix = np.maximum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].reshape(-1)  # to block end
    return np.maximum(suffix[: n - k + 1], prefix[k - 1 : n]).tolist()  # (n - k + 1,)

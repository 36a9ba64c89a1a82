# expect: full
# Correct: block maxima (van Herk / Gil-Werman) with NumPy: prefix and suffix maxima inside
# blocks of k, then one maximum of two per window. O(n), about 3n comparisons.
"""Sliding window maximum from block prefix and suffix maxima. n = len(nums), k the window."""

import numpy as np


def max_sliding_window(nums, k):
    values = np.asarray(nums)  # (n,) no dtype: the values stay as they are given
    n = len(values)
    blocks = -(-n // k)  # ceil(n / k)
    last = values[-1]
    padded = np.concatenate([values, np.full(blocks * k - n, last, dtype=values.dtype)])
    grid = padded.reshape(blocks, k)  # (blocks, k), padding with a copy of the last value
    prefix = np.maximum.accumulate(grid, axis=1).reshape(-1)  # (blocks * k,) max from block start
    suffix = np.maximum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].reshape(-1)  # to block end
    # window [i, i + k - 1] spans the end of one block and the start of the next
    return np.maximum(suffix[: n - k + 1], prefix[k - 1 : n]).tolist()  # (n - k + 1,)

# expect: full
# Gotcha: none. NumPy prefix sums: np.cumsum, then the running minimum with np.minimum.accumulate.
"""Maximum subarray with NumPy: max over j of P[j] - min(P[0..j-1]). n = len(nums)."""

import numpy as np


def max_subarray(nums):
    x = np.asarray(nums)  # (n,) int64 for ints (exact below 2**63), float64 for floats
    prefix = np.concatenate([np.zeros(1, dtype=x.dtype), np.cumsum(x)])  # (n + 1,) P[0..n]
    smallest_before = np.minimum.accumulate(prefix[:-1])  # (n,) min(P[0..j-1]) for j = 1..n
    return (prefix[1:] - smallest_before).max()

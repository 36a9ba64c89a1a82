# expect: full
# Correct: NumPy index arrays (intersect1d, searchsorted); bisect with key= on `long`, no copy.
"""Sparse dot products with NumPy index arrays. n = len(a), m = len(b) non-zeros."""

import bisect

import numpy as np


def _arrays(pairs):
    index = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))  # (n,)
    values = np.fromiter((v for _, v in pairs), dtype=np.float64, count=len(pairs))  # (n,)
    return index, values


def dot_hash(a, b):
    index_a, values_a = _arrays(a)  # (n,), (n,)
    index_b, values_b = _arrays(b)  # (m,), (m,)
    _, at_a, at_b = np.intersect1d(index_a, index_b, assume_unique=True, return_indices=True)
    return float(values_a[at_a] @ values_b[at_b])


def dot_two_pointer(a, b):
    index_a, values_a = _arrays(a)  # (n,), (n,)
    index_b, values_b = _arrays(b)  # (m,), (m,)
    if len(index_b) == 0:
        return 0.0
    pos = np.searchsorted(index_b, index_a)  # (n,) where each index of a would go in b
    pos = np.minimum(pos, len(index_b) - 1)  # (n,) keep reads in range
    hit = index_b[pos] == index_a  # (n,)
    return float(values_a[hit] @ values_b[pos[hit]])


def dot_binary_search(short, long):
    total = 0.0
    lo = 0
    for index, value in short:
        lo = bisect.bisect_left(long, index, lo, key=lambda pair: pair[0])
        if lo < len(long) and long[lo][0] == index:
            total += value * long[lo][1]
    return total

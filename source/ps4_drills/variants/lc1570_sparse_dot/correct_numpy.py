# expect: full
# Gotcha: none. NumPy: flatnonzero keeps the non-zero positions, intersect1d matches them.
"""Sparse vectors as two NumPy arrays (positions, values). n = len(nums); k1, k2 non-zeros."""

import numpy as np


class SparseVector:
    def __init__(self, nums):
        dense = np.asarray(nums)  # (n,) a temporary: reads nums once, dropped on return
        self.index = np.flatnonzero(dense)  # (k,) positions of the non-zeros, sorted
        self.value = dense[self.index]  # (k,)

    def dotProduct(self, vec):
        _, mine, theirs = np.intersect1d(
            self.index, vec.index, assume_unique=True, return_indices=True
        )  # (s,) (s,) places of the s shared positions in each vector
        return (self.value[mine] * vec.value[theirs]).sum()

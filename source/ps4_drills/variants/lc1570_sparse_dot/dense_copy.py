# expect: lose complexity
# Gotcha: keeps a dense copy of nums and loops over all n positions: O(n) memory and O(n) per
# dot product, whatever the number of non-zeros.
"""Sparse vectors that are not compressed at all. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.nums = list(nums)  # (n,) every zero kept

    def dotProduct(self, vec):
        total = 0
        for x, y in zip(self.nums, vec.nums, strict=True):  # n steps, even for k1 = k2 = 1
            if x and y:
                total += x * y
        return total

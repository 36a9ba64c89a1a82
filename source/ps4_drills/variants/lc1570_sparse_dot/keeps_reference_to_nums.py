# expect: lose complexity
# Gotcha: keeps a reference to nums (no copy, so no memory) and walks it in dotProduct: every
# dot product reads all n entries again.
"""Sparse vectors that keep the caller's dense list. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.nums = nums  # wrong: the dense list, not its non-zeros

    def dotProduct(self, vec):
        total = 0
        for i, x in enumerate(self.nums):  # n reads for every dot product
            if x != 0:
                total += x * vec.nums[i]
        return total

# expect: lose shapes, correctness, stability, complexity
# Gotcha: returns the list of products at the shared indices, never adding them up.
"""Sparse vectors whose dot product forgets the sum. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.values = {i: x for i, x in enumerate(nums) if x != 0}

    def dotProduct(self, vec):
        return [x * vec.values[i] for i, x in self.values.items() if i in vec.values]

# expect: lose correctness, stability, complexity
# Gotcha: keeps only the entries with value > 0: every negative non-zero is dropped.
# Also loses complexity: the counted tests check the value too.
"""Sparse vectors that forget negative entries. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.values = {i: x for i, x in enumerate(nums) if x > 0}  # wrong: x != 0 was meant

    def dotProduct(self, vec):
        return sum(x * vec.values[i] for i, x in self.values.items() if i in vec.values)

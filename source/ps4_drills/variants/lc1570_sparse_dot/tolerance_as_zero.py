# expect: lose correctness
# Gotcha: keeps an entry only when abs(x) > 1e-9, a float tolerance for zero: tiny non-zeros
# such as 1e-12 are dropped, and their products go missing.
"""Sparse vectors that treat tiny floats as zeros. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.values = {i: x for i, x in enumerate(nums) if abs(x) > 1e-9}  # wrong: x != 0

    def dotProduct(self, vec):
        small, large = self.values, vec.values
        if len(small) > len(large):
            small, large = large, small
        return sum(value * large[index] for index, value in small.items() if index in large)

# expect: full
# Gotcha: none. A dict index -> value of the non-zeros; dotProduct loops over the smaller dict.
"""Sparse vectors as dicts. n = len(nums); k1, k2 non-zeros."""


class SparseVector:
    def __init__(self, nums):
        self.values = {}
        for index, value in enumerate(nums):  # one read per element
            if value != 0:
                self.values[index] = value

    def dotProduct(self, vec):
        small, large = self.values, vec.values
        if len(small) > len(large):
            small, large = large, small
        total = 0
        for index, value in small.items():  # min(k1, k2) lookups, O(1) each on average
            if index in large:
                total += value * large[index]
        return total

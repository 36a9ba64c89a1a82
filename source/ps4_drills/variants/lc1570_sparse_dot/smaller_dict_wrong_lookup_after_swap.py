# expect: lose correctness
# Gotcha: loops over the smaller of the two dicts, as it should, but always takes the second
# factor from vec.values: after the swap (vec is the smaller one) that squares vec's values.
"""Sparse vectors as dicts, with the lookup on the wrong side after the swap. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.values = {i: x for i, x in enumerate(nums) if x != 0}

    def dotProduct(self, vec):
        small, large = self.values, vec.values
        if len(small) > len(large):
            small, large = large, small
        total = 0
        for index, value in small.items():
            if index in large:
                total += value * vec.values[index]  # wrong: large[index], the other vector
        return total

# expect: lose complexity
# Gotcha: compresses correctly, then compares every pair of one vector with every pair of the
# other: right values, O(k1 * k2) steps per dot product.
"""Sparse vectors as pairs, dotted with a nested loop. n = len(nums); k1, k2 non-zeros."""


class SparseVector:
    def __init__(self, nums):
        self.pairs = [(i, x) for i, x in enumerate(nums) if x != 0]

    def dotProduct(self, vec):
        total = 0
        for i, x in self.pairs:
            for j, y in vec.pairs:  # all of vec's pairs for each of self's: k1 * k2
                if i == j:
                    total += x * y
        return total

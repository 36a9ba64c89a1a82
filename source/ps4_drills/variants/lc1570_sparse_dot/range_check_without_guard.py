# expect: lose stability
# Gotcha: a quick exit when the two index ranges do not overlap reads pairs[0] and pairs[-1]
# without a guard: a vector with no non-zeros (an empty list) raises IndexError.
"""Sparse vectors with a two-pointer walk and an unguarded quick exit. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.pairs = [(i, x) for i, x in enumerate(nums) if x != 0]

    def dotProduct(self, vec):
        mine, theirs = self.pairs, vec.pairs
        if mine[-1][0] < theirs[0][0] or theirs[-1][0] < mine[0][0]:  # wrong: [] has no [0]
            return 0
        i = j = 0
        total = 0
        while i < len(mine) and j < len(theirs):
            if mine[i][0] == theirs[j][0]:
                total += mine[i][1] * theirs[j][1]
                i += 1
                j += 1
            elif mine[i][0] < theirs[j][0]:
                i += 1
            else:
                j += 1
        return total

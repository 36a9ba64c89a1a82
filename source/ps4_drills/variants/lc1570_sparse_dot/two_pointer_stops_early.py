# expect: lose correctness, stability, complexity
# Gotcha: off by one: the walk runs while i < len - 1 and j < len - 1, so the last pair of
# either list is never compared. Also loses complexity: the counted tests check the value too.
"""Sparse vectors as pairs, a two-pointer walk that stops one step early. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.pairs = [(i, x) for i, x in enumerate(nums) if x != 0]

    def dotProduct(self, vec):
        mine, theirs = self.pairs, vec.pairs
        i = j = 0
        total = 0
        while i < len(mine) - 1 and j < len(theirs) - 1:  # wrong: the last pairs are skipped
            if mine[i][0] == theirs[j][0]:
                total += mine[i][1] * theirs[j][1]
                i += 1
                j += 1
            elif mine[i][0] < theirs[j][0]:
                i += 1
            else:
                j += 1
        return total

# expect: lose correctness
# Gotcha: dotProduct pops the pairs off both vectors as it walks: the first call is right,
# every later call with the same vector sees an empty list and returns 0.
"""Sparse vectors whose dot product destroys them. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.pairs = [(i, x) for i, x in enumerate(nums) if x != 0]

    def dotProduct(self, vec):
        mine, theirs = self.pairs, vec.pairs  # the vectors' own lists, not copies
        total = 0
        while mine and theirs:
            if mine[-1][0] == theirs[-1][0]:
                total += mine.pop()[1] * theirs.pop()[1]  # wrong: changes both vectors
            elif mine[-1][0] > theirs[-1][0]:
                mine.pop()
            else:
                theirs.pop()
        return total

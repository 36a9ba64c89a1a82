# expect: lose correctness, complexity
# Gotcha: the classic trap: zips the two lists of non-zeros, so the k-th non-zero of one vector
# meets only the k-th non-zero of the other; shared indices at different places are missed.
# Also loses complexity: the counted tests check the value too.
"""Sparse vectors as pairs, dotted position by position. n = len(nums)."""


class SparseVector:
    def __init__(self, nums):
        self.pairs = [(i, x) for i, x in enumerate(nums) if x != 0]

    def dotProduct(self, vec):
        total = 0
        # wrong: pairs the non-zeros by their place in the two lists, not by index
        for (i, x), (j, y) in zip(self.pairs, vec.pairs, strict=False):
            if i == j:
                total += x * y
        return total

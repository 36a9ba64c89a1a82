# expect: full
# Gotcha: none. Two parallel lists (indices, values) and a two-pointer walk with a for loop.
"""Sparse vectors as parallel index and value lists. n = len(nums); k1, k2 non-zeros."""


class SparseVector:
    def __init__(self, nums):
        self.indices, self.values = [], []
        for k in range(len(nums)):
            x = nums[k]  # one read per position
            if x:
                self.indices.append(k)
                self.values.append(x)

    def dotProduct(self, vec):
        total, j = 0, 0
        other = vec.indices
        for i, index in enumerate(self.indices):
            while j < len(other) and other[j] < index:  # skip vec's smaller indices
                j += 1
            if j == len(other):
                break
            if other[j] == index:
                total += self.values[i] * vec.values[j]
        return total

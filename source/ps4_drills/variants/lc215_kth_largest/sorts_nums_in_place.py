# expect: lose correctness, complexity
# Gotcha: nums.sort() reorders the caller's list (and costs n log n comparisons).
"""Kth largest by sorting the input in place. n = len(nums)."""


def find_kth_largest(nums, k):
    nums.sort()
    return nums[-k]

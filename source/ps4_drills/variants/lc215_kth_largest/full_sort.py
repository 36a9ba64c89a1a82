# expect: lose complexity
# Gotcha: sorting all n values costs n log n comparisons whatever k is: right value, wrong class.
"""Kth largest by a full sort. n = len(nums)."""


def find_kth_largest(nums, k):
    return sorted(nums, reverse=True)[k - 1]

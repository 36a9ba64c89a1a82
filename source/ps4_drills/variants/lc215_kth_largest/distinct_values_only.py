# expect: lose stability, complexity
# Gotcha: set(nums) drops repeated values, so this is the k-th largest DISTINCT value.
# Also loses complexity: the test with only the values 0, 1, 2 checks the value too.
"""Kth largest over the distinct values. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    return heapq.nlargest(k, set(nums))[-1]

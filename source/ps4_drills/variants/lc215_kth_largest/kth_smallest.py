# expect: lose correctness, stability, complexity
# Gotcha: heapq.nsmallest gives the k-th SMALLEST; heapq's min-heap habit picks the wrong end.
# The complexity tests check the value too.
"""Kth largest, answered with the k-th smallest. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    return heapq.nsmallest(k, nums)[-1]

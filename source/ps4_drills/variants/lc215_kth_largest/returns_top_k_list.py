# expect: lose shapes, correctness, stability, complexity
# Gotcha: returns the k largest values (a list) instead of the k-th of them (one int).
"""Kth largest, returning the whole top k. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    return heapq.nlargest(k, nums)

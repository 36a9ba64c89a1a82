# expect: lose correctness, stability
# Gotcha: the size-k heap starts as k placeholder zeros ([0] * k): when the k-th largest is
# negative, no value beats the zeros and 0, not an element of nums, comes back.
"""Kth largest with a size-k heap pre-filled with zeros. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    heap = [0] * k  # wrong: 0 is a value, larger than every negative element
    for x in nums:
        if x > heap[0]:
            heapq.heapreplace(heap, x)
    return heap[0]

# expect: lose correctness, stability, complexity
# Gotcha: heap = nums[:k] without heapq.heapify, so heap[0] is just the first value, not the
# smallest of the k, and every test against it is wrong. The complexity tests check the value too.
"""Kth largest with a size-k "heap" that never became one. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    heap = list(nums[:k])  # wrong: heapq.heapify(heap) is missing
    for x in nums[k:]:
        if x > heap[0]:
            heapq.heapreplace(heap, x)
    return heap[0]

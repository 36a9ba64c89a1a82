# expect: lose correctness, stability, complexity
# Gotcha: heapq.heapreplace(heap, x) for every later x, without testing x > heap[0]: it pops
# first and then pushes, so every value enters, small ones included. The complexity tests check
# the value too.
"""Kth largest with a size-k heap that lets every value in. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    heap = list(nums[:k])
    heapq.heapify(heap)
    for x in nums[k:]:
        heapq.heapreplace(heap, x)  # wrong: x enters even when it is below heap[0]
    return heap[0]

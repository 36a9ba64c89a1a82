# expect: full
# Correct: a min-heap of the k largest seen so far; heappushpop only when x beats the smallest.
"""Kth largest with heapq: O(n log k) time, O(k) extra memory. n = len(nums)."""

import heapq


def find_kth_largest(nums, k):
    heap = list(nums[:k])  # a copy: heapify must not reorder the caller's list
    heapq.heapify(heap)  # heap[0] is the smallest of the k largest so far
    for x in nums[k:]:
        if x > heap[0]:
            heapq.heapreplace(heap, x)  # x enters, the old k-th largest leaves
    return heap[0]

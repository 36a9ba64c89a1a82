# expect: full
# Correct: push every value, pop whenever the heap holds k + 1: about 5 n comparisons at k = 4.
"""Kth largest with a size-k heap, written the plainest way. n = len(nums)."""

from heapq import heappop, heappush


def find_kth_largest(nums, k):
    heap = []
    for x in nums:
        heappush(heap, x)
        if len(heap) > k:
            heappop(heap)  # drops the smallest: the k largest so far stay
    return heap[0]

# expect: lose complexity
# Gotcha: a max-heap of (-value, index) with stale tops popped lazily: right values and near
# linear, but O(n log k) comparisons, not the O(n) of the deque.
"""Sliding window maximum with heapq. n = len(nums), k the window length."""

import heapq


def max_sliding_window(nums, k):
    heap = []  # (-value, index): heapq is a min-heap, so negate for the maximum
    maxima = []
    for i, value in enumerate(nums):
        heapq.heappush(heap, (-value, i))
        if i >= k - 1:
            while heap[0][1] <= i - k:  # the top left the window: drop it now
                heapq.heappop(heap)
            maxima.append(-heap[0][0])
    return maxima

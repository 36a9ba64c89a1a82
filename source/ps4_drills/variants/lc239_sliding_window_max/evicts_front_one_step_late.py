# expect: lose correctness, stability, complexity
# Gotcha: the front index is dropped only once it is < i - k: every window holds k + 1 values.
"""Sliding window maximum with an off-by-one in the eviction. n = len(nums), k."""

from collections import deque


def max_sliding_window(nums, k):
    order = deque()
    maxima = []
    for i, value in enumerate(nums):
        if order and order[0] < i - k:  # wrong: index i - k has left the window too
            order.popleft()
        while order and nums[order[-1]] <= value:
            order.pop()
        order.append(i)
        if i >= k - 1:
            maxima.append(nums[order[0]])
    return maxima

# expect: full
# Correct: the textbook monotonic deque of indices, with collections.deque.
"""Sliding window maximum with collections.deque. n = len(nums), k the window length."""

from collections import deque


def max_sliding_window(nums, k):
    order = deque()  # indices; their values decrease from front to back
    maxima = []
    for i, value in enumerate(nums):
        if order and order[0] <= i - k:
            order.popleft()
        while order and nums[order[-1]] < value:
            order.pop()
        order.append(i)
        if i >= k - 1:
            maxima.append(nums[order[0]])
    return maxima

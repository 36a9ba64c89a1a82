# expect: lose shapes, correctness, stability, complexity
# Gotcha: outputs start at i >= k instead of i >= k - 1: the first window is missing, n - k
# maxima instead of n - k + 1.
"""Sliding window maximum with an off-by-one in the first output. n = len(nums), k."""

from collections import deque


def max_sliding_window(nums, k):
    order = deque()
    maxima = []
    for i, value in enumerate(nums):
        if order and order[0] <= i - k:
            order.popleft()
        while order and nums[order[-1]] <= value:
            order.pop()
        order.append(i)
        if i >= k:  # wrong: the first full window already ends at index k - 1
            maxima.append(nums[order[0]])
    return maxima

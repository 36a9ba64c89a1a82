# expect: lose correctness, stability, complexity
# Gotcha: the deque holds indices and the output is the front index itself, dq[0], not
# nums[dq[0]]: the position of each maximum instead of the maximum.
"""Sliding window maximum that returns positions. n = len(nums), k the window length."""

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
        if i >= k - 1:
            maxima.append(order[0])  # wrong: the index, not nums[order[0]]
    return maxima

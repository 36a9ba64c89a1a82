# expect: lose shapes, correctness, stability, complexity
# Gotcha: the front is read before index i is pushed: each output is the maximum of
# nums[i - k + 1 : i], the window without its newest value (and k = 1 reads an empty deque).
"""Sliding window maximum with the output step one move too early. n = len(nums), k."""

from collections import deque


def max_sliding_window(nums, k):
    order = deque()
    maxima = []
    for i, value in enumerate(nums):
        if order and order[0] <= i - k:
            order.popleft()
        if i >= k - 1:
            maxima.append(nums[order[0]])  # wrong: index i is not in the deque yet
        while order and nums[order[-1]] <= value:
            order.pop()
        order.append(i)
    return maxima

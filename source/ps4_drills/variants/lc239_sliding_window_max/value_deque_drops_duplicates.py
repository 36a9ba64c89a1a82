# expect: lose stability
# Gotcha: the deque holds values, pops equal ones (<=) and drops its front by value: when the
# leaving value equals the maximum, a copy still inside the window is dropped.
"""Sliding window maximum with a deque of values. n = len(nums), k the window length."""

from collections import deque


def max_sliding_window(nums, k):
    window = deque()  # values, decreasing from front to back
    maxima = []
    for i, value in enumerate(nums):
        if i >= k and window[0] == nums[i - k]:  # the leaving value was the front
            window.popleft()
        while window and window[-1] <= value:  # wrong with the line above: drops equal copies
            window.pop()
        window.append(value)
        if i >= k - 1:
            maxima.append(window[0])
    return maxima

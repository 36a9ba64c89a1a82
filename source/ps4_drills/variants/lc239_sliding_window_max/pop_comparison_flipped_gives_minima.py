# expect: lose correctness, stability, complexity
# Gotcha: the pop comparison is flipped (`>` for `<`): the deque keeps increasing values, so
# its front is each window's MINIMUM, not its maximum (the follow-up, answered by mistake).
"""Sliding window maximum with collections.deque. n = len(nums), k the window length."""

from collections import deque


def max_sliding_window(nums, k):
    order = deque()  # indices; meant to be decreasing in value, but kept increasing
    maxima = []
    for i, value in enumerate(nums):
        if order and order[0] <= i - k:
            order.popleft()
        while order and nums[order[-1]] > value:  # flipped: pops the LARGER values
            order.pop()
        order.append(i)
        if i >= k - 1:
            maxima.append(nums[order[0]])
    return maxima

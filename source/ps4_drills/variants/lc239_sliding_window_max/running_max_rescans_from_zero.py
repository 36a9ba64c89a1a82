# expect: lose stability, complexity
# Gotcha: keeps the current maximum and rescans the window when it leaves, starting from 0:
# all-negative windows give 0, and on a decreasing list the rescan runs at every step, O(n k).
"""Sliding window maximum by a running maximum and rescans. n = len(nums), k."""


def _rescan(nums, start, stop):
    best, where = 0, start  # wrong: 0 beats every negative value
    for j in range(start, stop):
        if nums[j] > best:
            best, where = nums[j], j
    return best, where


def max_sliding_window(nums, k):
    best, where = _rescan(nums, 0, k)
    maxima = [best]
    for i in range(k, len(nums)):
        if where <= i - k:  # the maximum left the window: scan the whole window again
            best, where = _rescan(nums, i - k + 1, i + 1)
        elif nums[i] >= best:
            best, where = nums[i], i
        maxima.append(best)
    return maxima

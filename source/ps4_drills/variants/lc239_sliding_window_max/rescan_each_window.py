# expect: lose complexity
# Gotcha: max() over each window again: right values, (n - k + 1)(k - 1) comparisons, O(n k).
"""Sliding window maximum by rescanning every window. n = len(nums), k the window length."""


def max_sliding_window(nums, k):
    return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]

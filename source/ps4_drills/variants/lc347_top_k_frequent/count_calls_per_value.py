# expect: lose complexity
# Gotcha: nums.count(v) for every distinct v: U passes over nums, O(n U) == tests.
"""Top k frequent with list.count. n = len(nums), U distinct values."""

import heapq


def top_k_frequent(nums, k):
    count = {value: nums.count(value) for value in set(nums)}  # n work per distinct value
    return heapq.nsmallest(k, count, key=lambda value: (-count[value], value))

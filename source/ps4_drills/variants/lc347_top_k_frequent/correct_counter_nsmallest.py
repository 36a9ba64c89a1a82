# expect: full
# Correct: Counter, then heapq.nsmallest over the distinct values by (-count, value).
"""Top k frequent with the standard library: O(n + U log k). n = len(nums), U distinct."""

import heapq
from collections import Counter


def top_k_frequent(nums, k):
    count = Counter(nums)
    return heapq.nsmallest(k, count, key=lambda value: (-count[value], value))

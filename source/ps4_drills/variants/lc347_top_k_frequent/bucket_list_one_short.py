# expect: lose stability
# Gotcha: off by one: n buckets for counts 1 .. n, so a value that fills nums (count n) has no
# bucket: IndexError when nums holds one distinct value.
"""Top k frequent by bucket sort with one bucket too few. n = len(nums)."""

import heapq
from collections import Counter


def top_k_frequent(nums, k):
    buckets = [[] for _ in range(len(nums))]  # should be len(nums) + 1
    for value, c in Counter(nums).items():
        buckets[c].append(value)
    answer = []
    for c in range(len(buckets) - 1, 0, -1):
        need = k - len(answer)
        if need == 0:
            break
        answer += heapq.nsmallest(need, buckets[c])
    return answer

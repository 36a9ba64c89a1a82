# expect: lose correctness, stability, complexity
# Gotcha: the buckets are filled by a loop over nums, not over the distinct values: a value
# that occurs c times sits c times in bucket c, and comes back more than once.
"""Top k frequent by buckets filled once per occurrence. n = len(nums)."""

import heapq
from collections import Counter


def top_k_frequent(nums, k):
    count = Counter(nums)
    buckets = [[] for _ in range(len(nums) + 1)]  # buckets[c]: the values of count c
    for x in nums:  # wrong: once per occurrence; `for x, c in count.items()` is once per value
        buckets[count[x]].append(x)
    answer = []
    for c in range(len(nums), 0, -1):
        need = k - len(answer)
        if need == 0:
            break
        answer += heapq.nsmallest(need, buckets[c])
    return answer

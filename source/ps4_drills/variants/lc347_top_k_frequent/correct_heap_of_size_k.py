# expect: full
# Correct: a min-heap of the k best as (count, -value): its top is the one to evict, the lowest
# count and, among equal counts, the largest value.
"""Top k frequent with a size-k heap. n = len(nums), U distinct values."""

import heapq
from collections import defaultdict


def top_k_frequent(nums, k):
    count = defaultdict(int)
    for x in nums:
        count[x] += 1
    heap = []
    for value, c in count.items():
        heapq.heappush(heap, (c, -value))
        if len(heap) > k:
            heapq.heappop(heap)  # evicts the worst of k + 1
    return [-negated for _, negated in heap]

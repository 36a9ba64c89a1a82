# expect: lose correctness, stability, complexity
# Gotcha: the heap evicts by the wrong end: (-count, value) in a min-heap pops the MOST
# frequent, so the k least frequent stay. The complexity tests check the answer too.
"""Top k frequent with the heap the wrong way round. n = len(nums), U distinct values."""

import heapq
from collections import Counter


def top_k_frequent(nums, k):
    heap = []
    for value, c in Counter(nums).items():
        heapq.heappush(heap, (-c, value))  # should be (c, -value)
        if len(heap) > k:
            heapq.heappop(heap)
    return [value for _, value in heap]

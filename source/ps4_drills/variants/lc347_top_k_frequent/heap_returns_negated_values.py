# expect: lose correctness, stability, complexity
# Gotcha: the size-k heap holds (count, -value), as it should, but the values are returned
# as they sit in the heap, still negated.
"""Top k frequent with a size-k heap that forgets to undo the negation. n = len(nums)."""

import heapq
from collections import Counter


def top_k_frequent(nums, k):
    heap = []
    for value, c in Counter(nums).items():
        heapq.heappush(heap, (c, -value))
        if len(heap) > k:
            heapq.heappop(heap)
    return [negated for _, negated in heap]  # wrong: -negated is the value

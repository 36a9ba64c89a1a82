# expect: lose shapes, correctness, stability, complexity
# Gotcha: off by one: pops as soon as the heap holds k entries, so only k - 1 points remain.
"""K closest points with an off-by-one in the heap size. n = len(points)."""

import heapq


def k_closest(points, k):
    heap = []
    for i, (x, y) in enumerate(points):
        heapq.heappush(heap, (-(x * x + y * y), i))
        if len(heap) >= k:  # should be > k
            heapq.heappop(heap)
    return [points[i] for _, i in heap]

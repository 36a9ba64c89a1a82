# expect: lose shapes, correctness, stability, complexity
# Gotcha: returns the heap itself, its (-distance, index) entries, not the points they stand for.
"""K closest points with a max-heap that is returned as it is. n = len(points)."""

import heapq


def k_closest(points, k):
    heap = []
    for i, (x, y) in enumerate(points):
        heapq.heappush(heap, (-(x * x + y * y), i))
        if len(heap) > k:
            heapq.heappop(heap)
    return heap  # wrong: [points[i] for _, i in heap]

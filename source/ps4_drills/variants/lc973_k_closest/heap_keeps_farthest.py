# expect: lose correctness, stability, complexity
# Gotcha: heapq is a min-heap: pushing +distance and popping the top drops the CLOSEST point,
# so the heap ends up with the k farthest. The complexity tests check the answer too.
"""K closest points with the heap the wrong way round. n = len(points)."""

import heapq


def k_closest(points, k):
    heap = []
    for i, (x, y) in enumerate(points):
        heapq.heappush(heap, (x * x + y * y, i))  # should be -(x * x + y * y)
        if len(heap) > k:
            heapq.heappop(heap)
    return [points[i] for _, i in heap]

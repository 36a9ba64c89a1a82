# expect: lose correctness, stability, complexity
# Gotcha: ranks the points by |x| + |y| (the Manhattan distance), not by x*x + y*y.
# The complexity tests check the answer too.
"""K closest points by the wrong distance. n = len(points)."""

import heapq


def k_closest(points, k):
    heap = []
    for i, (x, y) in enumerate(points):
        heapq.heappush(heap, (-(abs(x) + abs(y)), i))  # wrong: not the straight-line distance
        if len(heap) > k:
            heapq.heappop(heap)
    return [points[i] for _, i in heap]

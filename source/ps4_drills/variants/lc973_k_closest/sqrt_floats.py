# expect: lose stability, complexity
# Gotcha: math.sqrt turns each distance into a float: near 10**18, 10**18 and 10**18 + 1 are
# the same float. The complexity tests cannot count float comparisons, and say so.
"""K closest points ranked by the Euclidean distance as a float. n = len(points)."""

import heapq
import math


def k_closest(points, k):
    heap = []
    for i, (x, y) in enumerate(points):
        heapq.heappush(heap, (-math.sqrt(x * x + y * y), i))
        if len(heap) > k:
            heapq.heappop(heap)
    return [points[i] for _, i in heap]

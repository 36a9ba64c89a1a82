# expect: lose stability, complexity
# Gotcha: a dict keyed by distance keeps one point per distance: ties and duplicate points
# vanish, and fewer than k points may come back.
"""K closest points through a dict of distances. n = len(points)."""

import heapq


def k_closest(points, k):
    by_distance = {x * x + y * y: [x, y] for x, y in points}  # equal distances overwrite
    nearest = heapq.nsmallest(k, by_distance)
    return [by_distance[d] for d in nearest]

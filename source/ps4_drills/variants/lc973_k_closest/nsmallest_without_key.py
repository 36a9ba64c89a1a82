# expect: lose correctness, stability, complexity
# Gotcha: heapq.nsmallest(k, points) without key=: the points are compared as [x, y] lists,
# x first, not by their distance. The complexity tests check the answer too.
"""K closest points, with the distance key forgotten. n = len(points)."""

import heapq


def k_closest(points, k):
    return heapq.nsmallest(k, points)  # wrong: key=lambda p: p[0] * p[0] + p[1] * p[1]

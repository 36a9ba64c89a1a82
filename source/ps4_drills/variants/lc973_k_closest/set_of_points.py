# expect: lose stability, complexity
# Gotcha: deduplicates the points through a set of tuples first: a point listed twice comes
# back once at most, and fewer than k points may come back.
"""K closest points among the distinct points. n = len(points)."""

import heapq


def k_closest(points, k):
    distinct = [list(p) for p in set(map(tuple, points))]  # wrong: copies are separate entries
    return heapq.nsmallest(k, distinct, key=lambda p: p[0] * p[0] + p[1] * p[1])

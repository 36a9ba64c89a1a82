# expect: lose complexity
# Gotcha: Lomuto's two-way partition sends every point as far as the pivot to one side: when
# all distances are equal, one point is split off per round, O(n^2).
"""K closest points by in-place quickselect on a list of distances (Lomuto). n = len(points)."""

import random


def k_closest(points, k):
    dist = [x * x + y * y for x, y in points]
    order = list(range(len(points)))  # partitioned instead of points: the input stays as it was
    lo, hi = 0, len(order) - 1
    while lo < hi:
        r = random.randint(lo, hi)
        order[r], order[hi] = order[hi], order[r]
        pivot, store = dist[order[hi]], lo
        for j in range(lo, hi):
            if dist[order[j]] < pivot:  # points as far as the pivot all stay on the right
                order[store], order[j] = order[j], order[store]
                store += 1
        order[store], order[hi] = order[hi], order[store]
        if store in (k - 1, k):  # positions 0 .. k - 1 now hold the k closest
            break
        if store < k:
            lo = store + 1
        else:
            hi = store - 1
    return [points[i] for i in order[:k]]

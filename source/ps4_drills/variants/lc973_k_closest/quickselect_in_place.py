# expect: lose correctness
# Gotcha: LeetCode's quickselect partitions `points` itself: the caller's list is reordered.
"""K closest points by quickselect in place on the input (Hoare's partition). n = len(points)."""

import random


def k_closest(points, k):
    def dist(p):
        return p[0] * p[0] + p[1] * p[1]

    lo, hi = 0, len(points) - 1
    while lo < hi:
        pivot = dist(points[random.randint(lo, hi)])
        i, j = lo, hi
        while i <= j:
            while dist(points[i]) < pivot:
                i += 1
            while dist(points[j]) > pivot:
                j -= 1
            if i <= j:
                points[i], points[j] = points[j], points[i]  # swaps the caller's points
                i += 1
                j -= 1
        if k - 1 <= j:
            hi = j
        elif k - 1 >= i:
            lo = i
        else:
            break
    return points[:k]

# expect: full
# Correct: heapq.nsmallest with the squared distance as key: O(n log k), one line.
"""K closest points with the standard library. n = len(points), 1 <= k <= n."""

import heapq


def squared_distance(point):
    x, y = point
    return x * x + y * y  # exact for ints; the square root would change no order


def k_closest(points, k):
    return heapq.nsmallest(k, points, key=squared_distance)

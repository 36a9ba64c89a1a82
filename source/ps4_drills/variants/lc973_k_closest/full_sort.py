# expect: lose complexity
# Gotcha: sorts all n points by distance: right answer, n log n comparisons whatever k is.
"""K closest points by a full sort. n = len(points)."""


def k_closest(points, k):
    return sorted(points, key=lambda p: p[0] * p[0] + p[1] * p[1])[:k]

# expect: lose complexity
# Gotcha: the pivot is always the first candidate: points sorted farthest first peel off one
# point per round, O(n^2).
"""K closest points by quickselect with a fixed pivot. n = len(points)."""


def k_closest(points, k):
    candidates = [(x * x + y * y, i) for i, (x, y) in enumerate(points)]
    chosen = []
    while k > 0:
        pivot = candidates[0][0]  # fine on shuffled input, the worst choice on sorted input
        nearer = [c for c in candidates if c[0] < pivot]
        same = [c for c in candidates if c[0] == pivot]
        if k <= len(nearer):
            candidates = nearer
        elif k <= len(nearer) + len(same):
            chosen += nearer + same[: k - len(nearer)]
            k = 0
        else:
            chosen += nearer + same
            k -= len(nearer) + len(same)
            candidates = [c for c in candidates if c[0] > pivot]
    return [points[i] for _, i in chosen]

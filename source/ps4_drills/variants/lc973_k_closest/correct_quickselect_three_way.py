# expect: full
# Correct: quickselect on (distance, index) pairs, random pivot, three-way split: O(n) average.
"""K closest points by quickselect, building new lists. n = len(points), 1 <= k <= n."""

import random


def k_closest(points, k):
    candidates = [(x * x + y * y, i) for i, (x, y) in enumerate(points)]
    chosen = []  # indices already known to be among the k closest
    while k > 0:
        pivot = random.choice(candidates)[0]
        nearer = [c for c in candidates if c[0] < pivot]
        same = [c for c in candidates if c[0] == pivot]
        if k <= len(nearer):
            candidates = nearer
        elif k <= len(nearer) + len(same):
            chosen += nearer + same[: k - len(nearer)]  # any of the equally far ones will do
            k = 0
        else:
            chosen += nearer + same
            k -= len(nearer) + len(same)
            candidates = [c for c in candidates if c[0] > pivot]
    return [points[i] for _, i in chosen]

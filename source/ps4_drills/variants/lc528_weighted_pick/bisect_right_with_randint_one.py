# expect: lose shapes, correctness, stability, complexity
# Gotcha: randint(1, total) with bisect_right: a draw equal to a prefix sum goes one index too
# far, and a draw of W returns n, past the end (the complexity tests check picks are in range).
"""Random pick with weight, the search off by one. n = len(w), W = sum(w)."""

import bisect
import itertools
import random


class Solution:
    def __init__(self, w):
        self.prefix = list(itertools.accumulate(w))

    def pickIndex(self):
        r = random.randint(1, self.prefix[-1])
        return bisect.bisect_right(self.prefix, r)  # wrong for integer draws: prefix[i] > r

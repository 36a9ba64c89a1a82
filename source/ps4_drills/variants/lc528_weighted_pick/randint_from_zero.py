# expect: lose stability
# Gotcha: random.randint(0, total) includes 0: W + 1 draw values, index 0 gets one too many.
"""Random pick with weight, a draw range one too wide. n = len(w), W = sum(w)."""

import bisect
import itertools
import random


class Solution:
    def __init__(self, w):
        self.prefix = list(itertools.accumulate(w))

    def pickIndex(self):
        r = random.randint(0, self.prefix[-1])  # wrong: 0 .. W is W + 1 values
        return bisect.bisect_left(self.prefix, r)

# expect: lose correctness
# Gotcha: the prefix sums are written into w itself: right picks, but the caller's list is
# changed.
"""Random pick with weight, prefix sums in place. n = len(w), W = sum(w)."""

import bisect
import random


class Solution:
    def __init__(self, w):
        for i in range(1, len(w)):
            w[i] += w[i - 1]  # wrong: the caller's list becomes its prefix sums
        self.prefix = w

    def pickIndex(self):
        r = random.randint(1, self.prefix[-1])
        return bisect.bisect_left(self.prefix, r)

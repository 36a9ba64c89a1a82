# expect: full
# Correct: itertools.accumulate, a float draw in [0, W) and bisect_right (first prefix > r).
"""Random pick with weight, accumulate + bisect. n = len(w), W = sum(w)."""

import bisect
import itertools
import random


class Solution:
    def __init__(self, w):
        self.prefix = list(itertools.accumulate(w))  # (n,)

    def pickIndex(self):
        r = random.random() * self.prefix[-1]  # uniform in [0, W)
        return bisect.bisect_right(self.prefix, r)  # prefix[i - 1] <= r < prefix[i]

# expect: lose complexity
# Gotcha: prefix[i] = sum(w[:i + 1]) adds each prefix from scratch: O(n^2) to build.
"""Random pick with weight, quadratic construction. n = len(w), W = sum(w)."""

import bisect
import random


class Solution:
    def __init__(self, w):
        self.prefix = [sum(w[: i + 1]) for i in range(len(w))]  # O(n^2)

    def pickIndex(self):
        r = random.randint(1, self.prefix[-1])
        return bisect.bisect_left(self.prefix, r)

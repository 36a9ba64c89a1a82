# expect: lose complexity
# Gotcha: the prefix sums are built once but scanned from the start at every pick: O(n) per
# pick, n / 2 reads on average.
"""Random pick with weight, a linear scan per pick. n = len(w), W = sum(w)."""

import random


class Solution:
    def __init__(self, w):
        self.prefix = []
        total = 0
        for weight in w:
            total += weight
            self.prefix.append(total)

    def pickIndex(self):
        r = random.randint(1, self.prefix[-1])
        for i, running in enumerate(self.prefix):  # O(n): read until the first prefix >= r
            if running >= r:
                return i
        return len(self.prefix) - 1

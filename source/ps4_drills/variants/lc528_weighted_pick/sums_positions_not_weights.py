# expect: lose correctness, stability
# Gotcha: the loop over range(len(w)) adds the position i + 1 instead of w[i]: index i is
# picked in proportion to i + 1, whatever the weights.
"""Random pick with weight, prefix sums of the wrong thing. n = len(w)."""

import bisect
import random


class Solution:
    def __init__(self, w):
        self.prefix = []
        total = 0
        for i in range(len(w)):
            total += i + 1  # wrong: should add w[i]
            self.prefix.append(total)

    def pickIndex(self):
        r = random.randint(1, self.prefix[-1])
        return bisect.bisect_left(self.prefix, r)

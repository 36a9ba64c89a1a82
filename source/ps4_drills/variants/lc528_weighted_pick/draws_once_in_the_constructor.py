# expect: lose correctness, stability
# Gotcha: "the work belongs in the constructor" taken too far: the random draw is made once in
# __init__, so every pick returns the same index.
"""Random pick with weight that draws once, in the constructor. n = len(w), W = sum(w)."""

import bisect
import random


class Solution:
    def __init__(self, w):
        self.prefix = []
        total = 0
        for weight in w:
            total += weight
            self.prefix.append(total)
        self.r = random.randint(1, total)  # wrong: one draw for all the picks

    def pickIndex(self):
        return bisect.bisect_left(self.prefix, self.r)

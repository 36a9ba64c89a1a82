# expect: lose shapes, correctness, stability, complexity
# Gotcha: `prefix = []` in the class body: one list shared by every Solution, so each new
# sampler appends its sums after those of the samplers built before it.
"""Random pick with weight whose prefix sums are a class attribute. n = len(w)."""

import bisect
import random


class Solution:
    prefix = []  # wrong: created once, shared by every instance

    def __init__(self, w):
        total = 0
        for weight in w:
            total += weight
            self.prefix.append(total)  # appends to the shared list
        self.total = total

    def pickIndex(self):
        r = random.randint(1, self.total)
        return bisect.bisect_left(self.prefix, r)

# expect: full
# Correct: random.choices with cum_weights= (it binary-searches them); the prefix sums are
# built once, so each pick is O(log n).
"""Random pick with weight through random.choices. n = len(w), W = sum(w)."""

import itertools
import random


class Solution:
    def __init__(self, w):
        self.positions = range(len(w))
        self.cumulative = list(itertools.accumulate(w))  # (n,)

    def pickIndex(self):
        return random.choices(self.positions, cum_weights=self.cumulative)[0]

# expect: lose complexity
# Gotcha: random.choices(..., weights=w) accumulates the weights again at every call: O(n)
# reads and a list of n per pick.
"""Random pick with weight through random.choices(weights=...). n = len(w)."""

import random


class Solution:
    def __init__(self, w):
        self.weights = list(w)
        self.positions = range(len(w))

    def pickIndex(self):
        return random.choices(self.positions, weights=self.weights)[0]

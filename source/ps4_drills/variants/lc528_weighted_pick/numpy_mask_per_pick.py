# expect: lose complexity
# Gotcha: np.argmax(prefix >= r) finds the index with a boolean array of n per pick: right
# picks, O(n) time and memory per call.
"""Random pick with weight, a NumPy mask per pick. n = len(w), W = sum(w)."""

import numpy as np


class Solution:
    def __init__(self, w):
        self.prefix = np.cumsum(w)  # (n,)

    def pickIndex(self):
        r = np.random.randint(1, self.prefix[-1] + 1)
        return int(np.argmax(self.prefix >= r))  # (n,) booleans built at every pick

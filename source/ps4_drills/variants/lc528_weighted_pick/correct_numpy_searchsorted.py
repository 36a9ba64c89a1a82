# expect: full
# Correct: np.cumsum once, np.searchsorted per pick (a binary search, no temporary array).
"""Random pick with weight with NumPy. n = len(w), W = sum(w)."""

import numpy as np


class Solution:
    def __init__(self, w):
        self.prefix = np.cumsum(np.asarray(w, dtype=np.int64))  # (n,)
        self.total = int(self.prefix[-1])

    def pickIndex(self):
        r = np.random.randint(1, self.total + 1)  # 1 .. W
        return int(np.searchsorted(self.prefix, r, side="left"))  # first prefix >= r

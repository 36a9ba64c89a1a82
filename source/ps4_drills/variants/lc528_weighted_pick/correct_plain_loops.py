# expect: full
# Correct: running totals in a loop, a draw from 1 .. W, a hand-written binary search for the
# first prefix sum >= the draw.
"""Random pick with weight, plain loops. n = len(w), W = sum(w)."""

import random


class Solution:
    def __init__(self, w):
        self.prefix = []  # (n,) prefix[i] = w[0] + ... + w[i]
        total = 0
        for weight in w:
            total += weight
            self.prefix.append(total)
        self.total = total

    def pickIndex(self):
        r = random.randint(1, self.total)  # uniform over 1 .. W, both ends included
        lo, hi = 0, len(self.prefix) - 1  # the answer is in [lo, hi]
        while lo < hi:
            mid = (lo + hi) // 2
            if self.prefix[mid] < r:
                lo = mid + 1  # prefix[mid] < r: index mid and everything before it too small
            else:
                hi = mid
        return lo

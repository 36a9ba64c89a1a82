# expect: lose stability
# Gotcha: the hand-written search moves lo past prefix[mid] == r (`<=` instead of `<`): a draw
# equal to a prefix sum picks the next index; the last index soaks up the draw W.
"""Random pick with weight, a binary search off by one. n = len(w), W = sum(w)."""

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
        lo, hi = 0, len(self.prefix) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.prefix[mid] <= r:  # wrong: prefix[mid] == r means index mid
                lo = mid + 1
            else:
                hi = mid
        return lo

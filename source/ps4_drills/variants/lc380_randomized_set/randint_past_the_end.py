# expect: lose shapes, correctness, stability
# Gotcha: getRandom draws its position with random.randint(0, len(values)), which includes
# len(values): one draw in m + 1 raises IndexError. Small sets show it at once; in the
# complexity tests (m near 2**14, 272 draws in all) it is rare, so complexity keeps its points.
"""Insert, delete, getRandom with an off-by-one in the draw. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.values = []
        self.index = {}

    def insert(self, val):
        if val in self.index:
            return False
        self.index[val] = len(self.values)
        self.values.append(val)
        return True

    def remove(self, val):
        if val not in self.index:
            return False
        i = self.index[val]
        last = self.values[-1]
        self.values[i] = last
        self.index[last] = i
        self.values.pop()
        del self.index[val]
        return True

    def getRandom(self):
        return self.values[random.randint(0, len(self.values))]  # wrong: both ends included

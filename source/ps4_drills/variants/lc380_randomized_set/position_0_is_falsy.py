# expect: lose correctness, stability
# Gotcha: membership is tested with `if self.index.get(val):`; the value stored at position 0
# has index 0, which is falsy, so it looks absent.
"""Insert, delete, getRandom with a truthiness test. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.values = []
        self.index = {}

    def insert(self, val):
        if self.index.get(val):  # wrong: index 0 is falsy
            return False
        self.index[val] = len(self.values)
        self.values.append(val)
        return True

    def remove(self, val):
        if not self.index.get(val):  # wrong for the same reason
            return False
        i = self.index[val]
        last = self.values[-1]
        self.values[i] = last
        self.index[last] = i
        self.values.pop()
        del self.index[val]
        return True

    def getRandom(self):
        return random.choice(self.values)

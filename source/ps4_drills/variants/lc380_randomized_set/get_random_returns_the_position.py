# expect: lose correctness, stability, complexity
# Gotcha: getRandom returns the random position it drew, not the value stored there: right
# whenever the values happen to be 0 .. m - 1, outside the set otherwise.
"""Insert, delete, getRandom that returns a position. m values in the set."""

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
        return random.randrange(len(self.values))  # wrong: the position, not self.values[...]

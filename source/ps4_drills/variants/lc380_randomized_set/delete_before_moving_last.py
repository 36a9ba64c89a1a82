# expect: lose correctness, stability
# Gotcha: del index[val] comes before index[last] = i: when val is the last value, the second
# line puts val back into the dict, so it still counts as present.
"""Insert, delete, getRandom with the updates in the wrong order. m values in the set."""

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
        del self.index[val]
        self.index[last] = i  # wrong order: when last is val, val is back in the dict
        self.values[i] = last
        self.values.pop()
        return True

    def getRandom(self):
        return random.choice(self.values)

# expect: lose correctness, stability
# Gotcha: insert(val) computes its answer, then appends val whether or not it was there: a
# present value gets a second copy in the list (and its index moves to it), so after
# remove(val) one copy stays behind and getRandom keeps drawing it.
"""Insert, delete, getRandom whose insert appends a present value again. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.values = []
        self.index = {}

    def insert(self, val):
        fresh = val not in self.index
        self.index[val] = len(self.values)  # wrong: also for a value already present
        self.values.append(val)
        return fresh

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
        return random.choice(self.values)

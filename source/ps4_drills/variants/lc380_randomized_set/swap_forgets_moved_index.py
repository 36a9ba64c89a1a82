# expect: lose correctness, stability
# Gotcha: remove moves the last value into the freed slot but never updates that value's
# position in the dict: its entry still points at the old last slot, and a later remove of it
# writes past the end or over another value.
"""Insert, delete, getRandom with the classic swap bug. m values in the set."""

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
        i = self.index.pop(val)
        self.values[i] = self.values[-1]  # wrong: the moved value's index is not updated
        self.values.pop()
        return True

    def getRandom(self):
        return random.choice(self.values)

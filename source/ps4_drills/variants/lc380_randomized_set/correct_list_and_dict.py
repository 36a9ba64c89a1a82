# expect: full
# Correct: the textbook answer: a list of the values, a dict value -> position, removal by
# moving the last value into the freed slot.
"""Insert, delete, getRandom in O(1). m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.values = []  # (m,) the members, in no particular order
        self.index = {}  # value -> its position in self.values

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
        self.values[i] = last  # the last value fills the hole (a no-op when val is last)
        self.index[last] = i  # ... and its position is now i
        self.values.pop()
        del self.index[val]  # after the line above: when val is last, this deletes it for good
        return True

    def getRandom(self):
        return random.choice(self.values)

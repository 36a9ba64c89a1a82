# expect: full
# Correct: dict.pop to fetch and delete at once, the last value handled first, randrange.
"""Insert, delete, getRandom in O(1), another spelling. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.items = []
        self.where = {}

    def insert(self, val):
        if val in self.where:
            return False
        self.where[val] = len(self.items)
        self.items.append(val)
        return True

    def remove(self, val):
        if val not in self.where:
            return False
        i = self.where.pop(val)
        last = self.items.pop()
        if i < len(self.items):  # val was not the last one: move the last into its slot
            self.items[i] = last
            self.where[last] = i
        return True

    def getRandom(self):
        return self.items[random.randrange(len(self.items))]

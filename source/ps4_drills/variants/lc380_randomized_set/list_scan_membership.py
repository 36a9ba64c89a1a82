# expect: lose complexity
# Gotcha: a plain list: `val in self.values` and self.values.remove(val) scan it, O(m) per
# operation.
"""Insert, delete, getRandom with a list only. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.values = []

    def insert(self, val):
        if val in self.values:  # O(m) comparisons
            return False
        self.values.append(val)
        return True

    def remove(self, val):
        if val not in self.values:
            return False
        self.values.remove(val)  # O(m): finds val, then shifts every later value
        return True

    def getRandom(self):
        return random.choice(self.values)

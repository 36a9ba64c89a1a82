# expect: lose correctness, stability, complexity
# Gotcha: the list and the dict are created in the class body, not in __init__: every
# RandomizedSet shares them, so a second set starts with the first one's values.
"""Insert, delete, getRandom with class-level containers. m values in the set."""

import random


class RandomizedSet:
    values = []  # wrong: one list for every instance
    index = {}  # wrong: one dict for every instance

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
        return random.choice(self.values)

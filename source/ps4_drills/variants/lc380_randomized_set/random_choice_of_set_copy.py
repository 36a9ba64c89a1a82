# expect: lose complexity
# Gotcha: a set makes insert and remove O(1), but getRandom copies it into a list at every
# call: O(m) time and memory per call.
"""Insert, delete, getRandom with a set. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.members = set()

    def insert(self, val):
        if val in self.members:
            return False
        self.members.add(val)
        return True

    def remove(self, val):
        if val not in self.members:
            return False
        self.members.remove(val)
        return True

    def getRandom(self):
        return random.choice(list(self.members))  # O(m) copy per call

# expect: lose correctness
# Gotcha: removed slots are left empty and getRandom walks from a random slot to the next live
# one: the value after a run of empty slots collects the whole run's chances. Not uniform.
"""Insert, delete, getRandom with tombstones and a biased draw. m values in the set."""

import random


class RandomizedSet:
    def __init__(self):
        self.slots = []
        self.position = {}

    def insert(self, val):
        if val in self.position:
            return False
        self.position[val] = len(self.slots)
        self.slots.append(val)
        return True

    def remove(self, val):
        if val not in self.position:
            return False
        self.slots[self.position.pop(val)] = None
        return True

    def getRandom(self):
        k = random.randrange(len(self.slots))
        while self.slots[k] is None:  # wrong: the next live value, not a uniform one
            k = (k + 1) % len(self.slots)
        return self.slots[k]

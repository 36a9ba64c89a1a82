# expect: full
# Correct: lazy deletion. A removed slot is left empty; getRandom draws slots until a live one
# (uniform by rejection); the list is compacted once half of it is empty, so every operation
# is amortised O(1) and each draw needs fewer than 2 tries on average.
"""Insert, delete, getRandom with tombstones and compaction. m values in the set."""

import random

_EMPTY = object()  # marks a removed slot


class RandomizedSet:
    def __init__(self):
        self.slots = []  # values and _EMPTY marks
        self.position = {}  # value -> its slot
        self.live = 0

    def insert(self, val):
        if val in self.position:
            return False
        self.position[val] = len(self.slots)
        self.slots.append(val)
        self.live += 1
        return True

    def remove(self, val):
        if val not in self.position:
            return False
        self.slots[self.position.pop(val)] = _EMPTY
        self.live -= 1
        if 2 * self.live < len(self.slots):  # half empty: O(slots) now, paid by the removals
            self.slots = [v for v in self.slots if v is not _EMPTY]
            self.position = {v: i for i, v in enumerate(self.slots)}
        return True

    def getRandom(self):
        while True:  # at least half the slots are live: fewer than 2 draws on average
            value = self.slots[random.randrange(len(self.slots))]
            if value is not _EMPTY:
                return value

# expect: lose shapes, correctness, stability, complexity
# Gotcha: getRandom is `self.members.pop()` on a set: it returns a member, but also removes
# it, so the set shrinks at every draw (and the draw is not uniform either).
"""Insert, delete, getRandom with a set. m values in the set."""


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
        return self.members.pop()  # an arbitrary member, taken OUT of the set

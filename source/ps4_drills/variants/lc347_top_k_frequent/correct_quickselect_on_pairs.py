# expect: full
# Correct: quickselect on (-count, value) pairs with a random pivot: O(n + U) on average.
"""Top k frequent by quickselect over the distinct values. n = len(nums), U distinct."""

import random
from collections import Counter


def top_k_frequent(nums, k):
    pairs = [(-c, value) for value, c in Counter(nums).items()]  # smaller pair = ranks higher
    chosen = []
    while k > 0:
        pivot = random.choice(pairs)
        better = [p for p in pairs if p < pivot]
        if k <= len(better):
            pairs = better
        elif k == len(better) + 1:  # pairs are distinct: the pivot alone is the next place
            chosen += better + [pivot]
            k = 0
        else:
            chosen += better + [pivot]
            k -= len(better) + 1
            pairs = [p for p in pairs if p > pivot]
    return [value for _, value in chosen]

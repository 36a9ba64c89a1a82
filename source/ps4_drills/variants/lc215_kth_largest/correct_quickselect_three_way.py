# expect: full
# Correct: quickselect, random pivot, three-way split into new lists (nums itself untouched).
"""Kth largest by quickselect with plain lists. n = len(nums), 1 <= k <= n."""

import random


def find_kth_largest(nums, k):
    candidates = list(nums)  # the k-th largest of nums is the k-th largest of candidates
    while True:
        pivot = random.choice(candidates)  # random: no input order makes it quadratic
        above = [x for x in candidates if x > pivot]
        same = [x for x in candidates if x == pivot]  # all copies of the pivot, in one block
        if k <= len(above):
            candidates = above
        elif k <= len(above) + len(same):
            return pivot
        else:
            k -= len(above) + len(same)  # that many larger-or-equal values are now behind us
            candidates = [x for x in candidates if x < pivot]

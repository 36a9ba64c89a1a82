# expect: lose correctness, stability, complexity
# Gotcha: quickselect aims at index k of the descending order: the (k+1)-th largest; k = n fails.
# The complexity tests check the value too.
"""Kth largest by quickselect with an off-by-one in the target. n = len(nums)."""

import random


def find_kth_largest(nums, k):
    candidates = list(nums)
    target = k  # 0-based index in the descending order; it should be k - 1
    while True:
        pivot = random.choice(candidates)
        above = [x for x in candidates if x > pivot]
        same = [x for x in candidates if x == pivot]
        if target < len(above):
            candidates = above
        elif target < len(above) + len(same):
            return pivot
        else:
            target -= len(above) + len(same)
            candidates = [x for x in candidates if x < pivot]

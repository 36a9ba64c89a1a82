# expect: lose correctness, stability, complexity
# Gotcha: in-place quickselect on a copy that returns the target index n - k, not the value
# a[n - k] it found there. The complexity tests check the value too.
"""Kth largest by in-place quickselect that returns a position. n = len(nums)."""

import random


def find_kth_largest(nums, k):
    a = list(nums)
    target = len(a) - k  # the k-th largest sits at this index of the ascending order
    lo, hi = 0, len(a) - 1
    while lo < hi:
        pivot = a[random.randint(lo, hi)]
        i, j = lo, hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if target <= j:
            hi = j
        elif target >= i:
            lo = i
        else:
            return target  # wrong: the position, not a[target]
    return target  # wrong: the position, not a[target]

# expect: full
# Correct: Hoare partition in place on a copy, random pivot; equal values stop both scans.
"""Kth largest by in-place quickselect (Hoare's partition) on a copy. n = len(nums)."""

import random


def find_kth_largest(nums, k):
    a = list(nums)
    target = len(a) - k  # the k-th largest sits at this index of the ascending order
    lo, hi = 0, len(a) - 1
    while lo < hi:
        pivot = a[random.randint(lo, hi)]
        i, j = lo, hi
        while i <= j:
            while a[i] < pivot:  # strict: a value equal to the pivot stops the scan,
                i += 1
            while a[j] > pivot:  # so runs of equal values are split evenly
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        # now a[lo..j] <= pivot <= a[i..hi], and everything strictly between equals the pivot
        if target <= j:
            hi = j
        elif target >= i:
            lo = i
        else:
            return a[target]
    return a[target]

# expect: lose complexity
# Gotcha: Lomuto's two-way partition puts every copy of the pivot on one side: a block of equal
# values is peeled off one element per round, O(n^2) when few distinct values repeat a lot.
"""Kth largest by quickselect with a two-way (Lomuto) partition. n = len(nums)."""

import random


def find_kth_largest(nums, k):
    a = list(nums)
    target = len(a) - k  # index of the answer in ascending order
    lo, hi = 0, len(a) - 1
    while True:
        r = random.randint(lo, hi)
        a[r], a[hi] = a[hi], a[r]
        pivot, store = a[hi], lo
        for j in range(lo, hi):
            if a[j] < pivot:  # values equal to the pivot all stay on the right
                a[store], a[j] = a[j], a[store]
                store += 1
        a[store], a[hi] = a[hi], a[store]  # the pivot lands at its place in the order
        if store == target:
            return a[store]
        if store < target:
            lo = store + 1
        else:
            hi = store - 1

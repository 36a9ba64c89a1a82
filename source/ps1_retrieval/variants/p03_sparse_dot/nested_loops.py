# expect: lose complexity
# Gotcha: dot_hash compares every pair of a with every pair of b: right values, n * m reads.
"""Sparse dot products, dot_hash as a nested loop. n = len(a), m = len(b) non-zeros."""


def dot_hash(a, b):  # a: n pairs, b: m pairs
    total = 0
    for index_a, value_a in a:
        for index_b, value_b in b:  # the whole of b for every pair of a: O(n * m)
            if index_a == index_b:
                total += value_a * value_b
    return total


def dot_two_pointer(a, b):  # a, b sorted by index
    i = j = 0
    total = 0
    while i < len(a) and j < len(b):
        index_a, value_a = a[i]
        index_b, value_b = b[j]
        if index_a == index_b:
            total += value_a * value_b
            i += 1
            j += 1
        elif index_a < index_b:  # a[i] cannot match anything further on in b
            i += 1
        else:
            j += 1
    return total


def dot_binary_search(short, long):
    total = 0
    for index, value in short:
        lo, hi = 0, len(long) - 1  # inclusive range of positions still possible
        while lo <= hi:
            mid = (lo + hi) // 2
            mid_index, mid_value = long[mid]
            if mid_index == index:
                total += value * mid_value
                break
            if mid_index < index:
                lo = mid + 1
            else:
                hi = mid - 1
    return total

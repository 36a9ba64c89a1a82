# expect: lose correctness, complexity
# Gotcha: dot_hash looks indices up with .get(index, 1): a missing entry counts as 1, not 0.
# Also loses complexity: the read-count and memory tests check the value too.
"""Sparse dot products, dot_hash with the wrong default. n = len(a), m = len(b)."""


def dot_hash(a, b):  # a: n pairs, b: m pairs
    value_at = dict(a)
    total = 0
    for index, value in b:
        total += value_at.get(index, 1) * value  # wrong: a missing entry of a is 0
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

# expect: lose correctness, complexity
# Gotcha: dot_two_pointer loops while i < len(a) - 1 and j < len(b) - 1: misses the last pair.
# Also loses complexity: the read-count and memory tests check the value too.
"""Sparse dot products, two-pointer walk that stops one step early. n, m non-zeros."""


def dot_hash(a, b):  # a: n pairs, b: m pairs
    value_at = {}
    for index, value in a:  # n reads
        value_at[index] = value
    total = 0
    for index, value in b:  # m reads, one O(1) lookup each
        if index in value_at:
            total += value_at[index] * value
    return total


def dot_two_pointer(a, b):  # a, b sorted by index
    i = j = 0
    total = 0
    while i < len(a) - 1 and j < len(b) - 1:
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

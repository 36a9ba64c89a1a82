# expect: lose complexity
# Gotcha: bisect on a list of long's indices built first: the copy alone reads all of long, O(long).
"""Sparse dot products, follow-up that copies the long list. n, m non-zeros."""

import bisect


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
    keys = [index for index, _ in long]  # reads every element of long: O(long)
    total = 0
    for index, value in short:
        pos = bisect.bisect_left(keys, index)
        if pos < len(keys) and keys[pos] == index:
            total += value * long[pos][1]
    return total

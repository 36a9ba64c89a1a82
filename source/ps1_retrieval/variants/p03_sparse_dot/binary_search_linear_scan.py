# expect: lose complexity
# Gotcha: the "binary search" walks long from its start for each index: O(short * long) reads.
"""Sparse dot products, follow-up done by a linear scan. n, m non-zeros."""


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
    total = 0
    for index, value in short:
        for long_index, long_value in long:  # a linear scan, not a binary search
            if long_index == index:
                total += value * long_value
                break
            if long_index > index:
                break
    return total

# expect: lose complexity, correctness
# Gotcha: dot_hash builds a dense vector of length max index + 1: O(D) memory, O(D) time.
# Indices near 1e9 raise MemoryError (correctness); D = 1e7 costs 80 MB (complexity).
"""Sparse dot products, dot_hash through a dense vector. n, m non-zeros, dimension D."""


def dot_hash(a, b):  # a: n pairs, b: m pairs
    if not a or not b:
        return 0
    size = max(a[-1][0], b[-1][0]) + 1  # D: the largest index + 1
    dense_a = [0] * size
    for index, value in a:
        dense_a[index] = value
    total = 0
    for index, value in b:
        total += dense_a[index] * value
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

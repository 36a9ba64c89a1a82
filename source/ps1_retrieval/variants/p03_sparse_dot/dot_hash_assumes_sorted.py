# expect: lose correctness
# Gotcha: dot_hash stops at the first index of b beyond a[-1][0], "the largest index of a": right
# for sorted lists, but the hash map needs no order and unsorted lists lose their later matches.
"""Sparse dot products whose dot_hash assumes sorted lists. n = len(a), m = len(b) non-zeros."""


def dot_hash(a, b):  # a: n pairs, b: m pairs
    value_at = {}
    for index, value in a:  # n reads
        value_at[index] = value
    last = a[-1][0] if a else -1  # "the largest index of a": true only if a is sorted
    total = 0
    for index, value in b:  # m reads, one O(1) lookup each
        if index > last:
            break  # BUG: assumes sorted lists; unsorted, later indices of b are skipped
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

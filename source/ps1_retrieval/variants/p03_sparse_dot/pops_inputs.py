# expect: lose correctness, complexity
# Gotcha: dot_two_pointer consumes its inputs with pop(0): the caller's lists end up empty.
# The complexity tests pass read-only sequences, which have no .pop(): those calls fail.
"""Sparse dot products, a two-pointer walk that destroys its inputs. n, m non-zeros."""


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
    total = 0
    while a and b:
        if a[0][0] == b[0][0]:
            total += a.pop(0)[1] * b.pop(0)[1]  # changes the caller's lists
        elif a[0][0] < b[0][0]:
            a.pop(0)
        else:
            b.pop(0)
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

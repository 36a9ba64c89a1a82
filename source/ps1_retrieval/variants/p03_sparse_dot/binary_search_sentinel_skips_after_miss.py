# expect: lose correctness, complexity
# Gotcha: the follow-up appends a sentinel to `long` and never removes it (the caller's list
# changes; the read-only sequences of the complexity test have no .append()), and resumes each
# search one past the position found, which after a miss skips the next index of `short`.
"""Sparse dot products, a resumed binary search with a sentinel. n, m non-zeros."""


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
    long.append((float("inf"), 0))  # BUG: a sentinel left in the caller's list
    total = 0
    lo = 0  # short is sorted too: each search starts where the previous one ended
    for index, value in short:
        hi = len(long) - 1  # the sentinel's position: every index is below it
        while lo < hi:  # the first position in [lo, hi] whose index is >= index
            mid = (lo + hi) // 2
            if long[mid][0] < index:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(long) and long[lo][0] == index:
            total += value * long[lo][1]
        lo += 1  # BUG: one past the position found, even after a miss (it may hold the next)
    return total

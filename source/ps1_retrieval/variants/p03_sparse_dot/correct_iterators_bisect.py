# expect: full
# Correct: a dict over the SHORTER list (either list works), iterators with next(), bisect_left.
"""Sparse dot products with iterators and the bisect module. n, m non-zeros."""

from bisect import bisect_left

_END = (float("inf"), 0)


def dot_hash(a, b):
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    lookup = dict(small)
    return sum(value * lookup.get(index, 0) for index, value in large)


def dot_two_pointer(a, b):
    it_a, it_b = iter(a), iter(b)
    index_a, value_a = next(it_a, _END)
    index_b, value_b = next(it_b, _END)
    total = 0
    while index_a != _END[0] and index_b != _END[0]:
        if index_a == index_b:
            total += value_a * value_b
            index_a, value_a = next(it_a, _END)
            index_b, value_b = next(it_b, _END)
        elif index_a < index_b:
            index_a, value_a = next(it_a, _END)
        else:
            index_b, value_b = next(it_b, _END)
    return total


def dot_binary_search(short, long):
    total = 0
    for index, value in short:
        pos = bisect_left(long, index, key=lambda pair: pair[0])
        if pos < len(long) and long[pos][0] == index:
            total += value * long[pos][1]
    return total

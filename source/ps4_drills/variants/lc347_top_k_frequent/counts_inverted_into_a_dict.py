# expect: lose correctness, stability, complexity
# Gotcha: the counts are inverted into a dict count -> value, {c: v for v, c in ...}: values
# that share a count overwrite each other, so only one of them can come back.
"""Top k frequent by inverting the counts. n = len(nums), U distinct values."""

from collections import Counter


def top_k_frequent(nums, k):
    by_count = {count: value for value, count in Counter(nums).items()}  # one value per count
    best = sorted(by_count, reverse=True)
    return [by_count[count] for count in best[:k]]

# expect: lose complexity
# Gotcha: sorts all U distinct values by (-count, value): right answer, U log U comparisons.
"""Top k frequent by a full sort of the distinct values. n = len(nums), U distinct."""

from collections import Counter


def top_k_frequent(nums, k):
    count = Counter(nums)
    return sorted(count, key=lambda value: (-count[value], value))[:k]

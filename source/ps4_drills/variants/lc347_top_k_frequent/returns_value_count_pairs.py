# expect: lose shapes, correctness, stability, complexity
# Gotcha: returns Counter.most_common(k) as it is: (value, count) pairs, not values.
"""Top k frequent returning (value, count) pairs. n = len(nums), U distinct values."""

from collections import Counter


def top_k_frequent(nums, k):
    return Counter(nums).most_common(k)

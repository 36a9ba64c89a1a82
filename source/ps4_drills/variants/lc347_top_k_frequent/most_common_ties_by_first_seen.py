# expect: lose stability, complexity
# Gotcha: Counter.most_common breaks ties by first appearance, not by the smaller value.
# Also loses complexity: that test's 4th place is a tie, and it checks the answer.
"""Top k frequent with Counter.most_common. n = len(nums), U distinct values."""

from collections import Counter


def top_k_frequent(nums, k):
    return [value for value, _ in Counter(nums).most_common(k)]

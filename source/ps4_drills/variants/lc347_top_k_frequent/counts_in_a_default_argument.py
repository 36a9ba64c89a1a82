# expect: lose correctness, stability, complexity
# Gotcha: the counts live in a mutable default argument, created once when the function is
# defined: every call adds to the counts of all the calls before it.
"""Top k frequent whose counts carry over from one call to the next. n = len(nums)."""

import heapq


def top_k_frequent(nums, k, count={}):  # noqa: B006 (wrong: one dict shared by every call)
    for x in nums:
        count[x] = count.get(x, 0) + 1
    return heapq.nsmallest(k, count, key=lambda v: (-count[v], v))

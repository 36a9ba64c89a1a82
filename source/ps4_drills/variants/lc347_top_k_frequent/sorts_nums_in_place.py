# expect: lose correctness, complexity
# Gotcha: nums.sort() to count runs of equal values: reorders the caller's list, n log n.
"""Top k frequent by sorting the input and counting runs. n = len(nums)."""

import heapq


def top_k_frequent(nums, k):
    nums.sort()
    runs = []  # (value, count) of each run of equal values
    for x in nums:
        if runs and runs[-1][0] == x:
            runs[-1][1] += 1
        else:
            runs.append([x, 1])
    best = heapq.nsmallest(k, runs, key=lambda run: (-run[1], run[0]))
    return [value for value, _ in best]

# expect: lose correctness, stability, complexity
# Gotcha: prefix sums, then max(P) - min(P): the smallest prefix sum may come AFTER the largest,
# and P[0] = 0 lets the empty slice in.
"""Maximum subarray as max(P) - min(P) over the prefix sums, ignoring i < j. n = len(nums)."""


def max_subarray(nums):
    prefix = [0]
    for x in nums:
        prefix.append(prefix[-1] + x)
    return max(prefix) - min(prefix)  # wrong: needs the minimum over i < j for each j

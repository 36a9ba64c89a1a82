# expect: lose shapes, correctness, stability, complexity
# Gotcha: returns the best slice itself (a list) instead of its sum.
"""Maximum subarray, returning nums[start:end] instead of the sum. n = len(nums)."""


def max_subarray(nums):
    best, best_start, best_end = nums[0], 0, 1
    current, start = nums[0], 0
    for k in range(1, len(nums)):
        x = nums[k]
        if current + x < x:
            current, start = x, k
        else:
            current += x
        if current > best:
            best, best_start, best_end = current, start, k + 1
    return list(nums[best_start:best_end])  # wrong: the caller asked for the sum

# expect: lose stability
# Gotcha: the classic trap: the running sum is reset to 0 and best starts at 0, which counts the
# empty slice: an all-negative array gives 0 instead of its largest element.
"""Maximum subarray, Kadane with the reset-to-zero spelling. n = len(nums)."""


def max_subarray(nums):
    best = current = 0
    for x in nums:
        current = max(0, current + x)  # wrong: 0 is the sum of the empty slice
        best = max(best, current)
    return best

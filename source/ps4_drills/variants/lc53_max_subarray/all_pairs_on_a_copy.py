# expect: lose complexity
# Gotcha: copies nums first (n reads), then tries every slice of the copy: O(n**2) Python steps.
"""Maximum subarray by trying every slice of a copy. n = len(nums)."""


def max_subarray(nums):
    values = list(nums)  # the only reads of nums: the quadratic work happens on the copy
    best = values[0]
    for i in range(len(values)):
        running = 0
        for x in values[i:]:
            running += x
            if running > best:
                best = running
    return best

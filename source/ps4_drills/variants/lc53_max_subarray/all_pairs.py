# expect: lose complexity
# Gotcha: every start i with a running sum over every end j: right values, O(n**2) reads.
"""Maximum subarray by trying every slice with a running sum. n = len(nums)."""


def max_subarray(nums):
    best = nums[0]
    for i in range(len(nums)):
        running = 0
        for j in range(i, len(nums)):  # reads nums[j] again for every start: n**2 / 2 reads
            running += nums[j]
            best = max(best, running)
    return best

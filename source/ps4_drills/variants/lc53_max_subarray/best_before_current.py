# expect: lose correctness, stability, complexity
# Gotcha: the loop body updates the best BEFORE the running sum, so the last element's update
# never reaches the best: a best slice that ends at nums[-1] is missed.
"""Maximum subarray, Kadane with its two updates in the wrong order. n = len(nums) >= 1."""


def max_subarray(nums):
    best = current = nums[0]
    for x in nums[1:]:
        best = max(best, current)  # wrong: this sees the running sum of the previous element
        current = max(x, current + x)
    return best

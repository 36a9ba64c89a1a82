# expect: lose correctness, stability, complexity
# Gotcha: solves the maximum subSEQUENCE: adds up every positive element, skipping the negative
# ones between them, which a contiguous slice must include.
"""Maximum subarray confused with the best subsequence. n = len(nums) >= 1."""


def max_subarray(nums):
    positives = [x for x in nums if x > 0]
    if not positives:
        return max(nums)  # all <= 0: the largest single element
    return sum(positives)  # wrong: the negatives between them are skipped

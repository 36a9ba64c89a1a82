# expect: lose correctness
# Gotcha: block maxima padded with `nums += [...]`: right maxima, but += extends the caller's
# list in place.
"""Sliding window maximum from block maxima, padding the input. n = len(nums), k."""


def max_sliding_window(nums, k):
    n = len(nums)
    nums += [nums[-1]] * (-n % k)  # wrong: changes the caller's list
    prefix, suffix = list(nums), list(nums)
    for start in range(0, len(nums), k):
        for j in range(start + 1, start + k):  # maximum from the block's start to j
            if prefix[j - 1] > prefix[j]:
                prefix[j] = prefix[j - 1]
        for j in range(start + k - 2, start - 1, -1):  # maximum from j to the block's end
            if suffix[j + 1] > suffix[j]:
                suffix[j] = suffix[j + 1]
    return [max(suffix[i], prefix[i + k - 1]) for i in range(n - k + 1)]

# expect: full
# Correct: a monotonic deque kept in a plain list with a head pointer: no imports.
"""Sliding window maximum, plain loops. n = len(nums), k the window length."""


def max_sliding_window(nums, k):
    window = []  # indices whose values decrease from window[head] to window[-1]
    head = 0  # window[head:] is the live part; earlier slots are dropped fronts
    maxima = []
    for i in range(len(nums)):
        if head < len(window) and window[head] <= i - k:
            head += 1  # the front index left the window [i - k + 1, i]
        while len(window) > head and nums[window[-1]] <= nums[i]:
            window.pop()  # a smaller value before a larger one is never a maximum again
        window.append(i)
        if i >= k - 1:  # the first full window ends at index k - 1
            maxima.append(nums[window[head]])
    return maxima

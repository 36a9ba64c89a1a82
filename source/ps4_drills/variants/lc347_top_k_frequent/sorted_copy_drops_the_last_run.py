# expect: lose correctness, stability, complexity
# Gotcha: counts runs of equal values in a sorted copy and forgets to count the final run
# after the loop: the largest value is never counted (and sorting nums costs n log n).
"""Top k frequent from the runs of a sorted copy. n = len(nums), U distinct values."""

import heapq


def top_k_frequent(nums, k):
    ordered = sorted(nums)  # a copy: nums itself stays as it was
    count = {}
    run_value, run_length = ordered[0], 0
    for x in ordered:
        if x == run_value:
            run_length += 1
        else:
            count[run_value] = run_length  # a run ends where a new value starts
            run_value, run_length = x, 1
    # wrong: count[run_value] = run_length is missing, so the last run is lost
    return heapq.nsmallest(k, count, key=lambda v: (-count[v], v))

# expect: full
# Correct: heapify all n (distance, index) pairs, pop k: O(n + k log n), not a sort of n.
"""K closest points from one heap of all distances. n = len(points), 1 <= k <= n."""

import heapq


def k_closest(points, k):
    heap = [(x * x + y * y, i) for i, (x, y) in enumerate(points)]
    heapq.heapify(heap)  # O(n): about 2 comparisons per entry
    return [points[heapq.heappop(heap)[1]] for _ in range(k)]

# expect: lose stability
# Gotcha: C starts as floats, [[0.0] * n ...]: exact for small ints, but products of entries near
# 1e12 (about 1e24) are rounded, and sums that nearly cancel come out wrong.
"""Sparse matrix product accumulated in floats. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0.0] * n for _ in range(m)]  # wrong for big ints: float sums round above 2**53
    for i in range(m):
        for p in range(k):
            a = A[i][p]
            if a != 0:
                for j in range(n):
                    C[i][j] += a * B[p][j]
    return C

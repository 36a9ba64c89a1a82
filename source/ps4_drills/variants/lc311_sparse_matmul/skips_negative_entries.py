# expect: lose correctness, stability, complexity
# Gotcha: finds the non-zeros with `a > 0`: every negative entry of A is skipped as if it were 0.
# Also loses complexity: the counted tests check the value too.
"""Sparse matrix product that skips the negative entries of A. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for p in range(k):
            a = A[i][p]
            if a > 0:  # wrong: a negative entry is a non-zero too; test a != 0
                for j in range(n):
                    C[i][j] += a * B[p][j]
    return C

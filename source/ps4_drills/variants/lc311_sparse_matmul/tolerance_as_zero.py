# expect: lose correctness
# Gotcha: finds the non-zeros with a tolerance, abs(a) > 1e-9: tiny float entries are dropped
# as if they were 0, and their products go missing.
"""Sparse matrix product with a float tolerance for zero. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for p in range(k):
            a = A[i][p]
            if abs(a) > 1e-9:  # wrong: 1e-12 is a non-zero; test a != 0
                for j in range(n):
                    C[i][j] += a * B[p][j]
    return C

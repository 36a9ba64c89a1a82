# expect: full
# Gotcha: none. The roles turned around: skip the zeros of B and loop over the m rows of A for
# each non-zero B[p][j]: nnz(B) m multiplications, within max(nnz(A) n, nnz(B) m).
"""Sparse matrix product skipping the zeros of B. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for p in range(k):
        for j in range(n):
            b = B[p][j]
            if not b:
                continue
            for i in range(m):  # column p of A meets b, lands in column j of C
                C[i][j] += A[i][p] * b
    return C

# expect: full
# Gotcha: none. collections.defaultdict holds each row of C sparsely while it is built; it is
# written out as a dense m x n list at the end.
"""Sparse matrix product with dict rows. A: m x k, B: k x n."""

from collections import defaultdict


def multiply(A, B):
    n = len(B[0])
    rows_b = [{j: b for j, b in enumerate(row) if b} for row in B]  # k dicts: column -> value
    C = []
    for row in A:
        sums = defaultdict(int)  # column j -> C[i][j], only where something lands
        for p, a in enumerate(row):
            if a:
                for j, b in rows_b[p].items():
                    sums[j] += a * b
        C.append([sums.get(j, 0) for j in range(n)])
    return C

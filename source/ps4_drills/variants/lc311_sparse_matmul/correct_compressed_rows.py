# expect: full
# Gotcha: none. CSR both sides: each row of A and of B as (index, value) non-zeros, then only
# pairs of non-zeros meet: one multiplication per useful product.
"""Sparse matrix product with compressed rows. A: m x k, B: k x n."""


def _non_zeros(row):
    return [(index, value) for index, value in enumerate(row) if value != 0]


def multiply(A, B):
    n = len(B[0])
    rows_b = [_non_zeros(row) for row in B]  # k lists, nnz(B) pairs in all
    C = []
    for row in A:
        out = [0] * n  # (n,) a fresh row of C
        for p, a in _non_zeros(row):
            for j, b in rows_b[p]:
                out[j] += a * b
        C.append(out)
    return C

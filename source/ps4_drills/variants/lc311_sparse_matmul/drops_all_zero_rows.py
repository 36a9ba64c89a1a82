# expect: lose correctness, stability, complexity
# Gotcha: builds C only from the rows of A that have a non-zero: an all-zero row of A gives no
# row of C at all, so C has fewer than m rows. Also loses complexity: the counted tests check
# the value too.
"""Sparse matrix product that skips empty rows. A: m x k, B: k x n."""


def multiply(A, B):
    n = len(B[0])
    C = []
    for row in A:
        pairs = [(p, a) for p, a in enumerate(row) if a != 0]
        if not pairs:
            continue  # wrong: this row of C is zeros, not missing
        out = [0] * n
        for p, a in pairs:
            for j, b in enumerate(B[p]):
                if b != 0:
                    out[j] += a * b
        C.append(out)
    return C

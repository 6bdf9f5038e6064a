#!/usr/bin/env python3
"""Winograd F(m×m, r×r)'s matrices and how far float32 takes it from the direct sums.

Builds Aᵀ (m × α), G (α × r) and Bᵀ (α × α) by Toom-Cook from the interpolation points (the
construction of Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015, and of
the wincnn tool), prints them as exact fractions, and measures one output tile summed over
64 input channels in float32 against the float64 direct correlation, as a fraction of the
largest output. Sources/CKernels/winograd.c takes its F(4×4, 5×5) tables from here (with the
first row of G and Bᵀ negated, which leaves their product alone). Needs numpy only:

    python3 bench/winograd_error.py
"""
from fractions import Fraction

import numpy as np


def poly_mul(p, q):
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for i, x in enumerate(p):
        for j, y in enumerate(q):
            out[i + j] += x * y
    return out


def matrices(m, r, points):
    """Aᵀ, G, Bᵀ of F(m, r) interpolating at `points` and ∞ (α = m + r − 1 = len(points) + 1)."""
    points = [Fraction(p) for p in points]
    assert len(points) + 1 == m + r - 1
    product = [Fraction(1)]                                   # M(x) = Π (x − p)
    for p in points:
        product = poly_mul(product, [-p, Fraction(1)])
    at = [[p ** j for p in points] + [Fraction(int(j == m - 1))] for j in range(m)]
    g = []
    for i, p in enumerate(points):
        scale = Fraction(1)
        for k, q in enumerate(points):
            if k != i:
                scale *= p - q
        g.append([p ** j / scale for j in range(r)])
    g.append([Fraction(int(j == r - 1)) for j in range(r)])
    bt = []
    for p in points:                                          # coefficients of M(x) / (x − p)
        high_first = product[::-1]
        quotient = [high_first[0]]
        for c in high_first[1:-1]:
            quotient.append(c + quotient[-1] * p)
        bt.append(quotient[::-1] + [Fraction(0)])
    bt.append(list(product))
    return at, g, bt


def as_float(rows, dtype):
    return np.array([[float(v) for v in row] for row in rows], dtype=dtype)


def relative_error(m, r, points, trials=200, channels=64, seed=0):
    at, g, bt = (as_float(x, np.float32) for x in matrices(m, r, points))
    a = m + r - 1
    rng = np.random.default_rng(seed)
    errors = []
    for _ in range(trials):
        d = rng.standard_normal((channels, a, a)).astype(np.float32)
        w = (rng.standard_normal((channels, r, r)) * 0.1).astype(np.float32)
        exact = np.zeros((m, m))
        for i in range(m):
            for j in range(m):
                exact[i, j] = (d[:, i:i + r, j:j + r].astype(np.float64) * w.astype(np.float64)).sum()
        u = np.einsum('ar,crs,bs->cab', g, w, g).astype(np.float32)
        v = np.einsum('ai,cij,bj->cab', bt, d, bt).astype(np.float32)
        y = at @ (u * v).sum(0, dtype=np.float32) @ at.T
        errors.append(np.abs(y - exact).max() / np.abs(exact).max())
    return float(np.mean(errors)), float(np.max(errors))


ALGORITHMS = [
    ("F(2×2, 3×3)", 2, 3, [0, 1, -1]),
    ("F(4×4, 3×3)", 4, 3, [0, 1, -1, 2, -2]),
    ("F(2×2, 5×5)", 2, 5, [0, 1, -1, 2, -2]),
    ("F(4×4, 5×5)", 4, 5, [0, 1, -1, 2, -2, Fraction(1, 2), Fraction(-1, 2)]),
]

if __name__ == "__main__":
    for name, m, r, points in ALGORITHMS:
        mean, worst = relative_error(m, r, points)
        print(f"{name}: float32 error {mean:.1e} mean, {worst:.1e} worst (of the largest output)")
    at, g, bt = matrices(4, 5, ALGORITHMS[-1][3])
    for label, rows in (("Aᵀ", at), ("G", g), ("Bᵀ", bt)):
        print(f"F(4×4, 5×5) {label}:")
        for row in rows:
            print("  " + "  ".join(f"{str(v):>6s}" for v in row))

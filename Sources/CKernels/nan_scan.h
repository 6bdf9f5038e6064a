// Whether a plane holds a NaN: the pooling kernels take a compare without the NaN test on
// planes that do not (PyTorch's max pooling lets a NaN through). Whether a tensor holds a NaN or
// an infinity: the Winograd convolutions run only on finite operands (finite_scan.c).
#ifndef CKERNELS_NAN_SCAN_H
#define CKERNELS_NAN_SCAN_H
#include <stddef.h>
#include "dispatch.h"

// Whether n floats hold a NaN, or with `infinities` a NaN or an infinity (x − x is NaN for
// both, 0 for every finite x): eight lanes at a time, four vectors a trip.
CK_INLINE int holds_unordered(const float *x, size_t n, const int infinities) {
    typedef float v8 __attribute__((vector_size(32), aligned(4)));
    typedef int i8 __attribute__((vector_size(32)));
    i8 any = {0};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        v8 a = *(const v8 *)(x + i), b = *(const v8 *)(x + i + 8), c = *(const v8 *)(x + i + 16), d = *(const v8 *)(x + i + 24);
        if (infinities) { a = a - a; b = b - b; c = c - c; d = d - d; }
        any |= (a != a) | (b != b) | (c != c) | (d != d);
    }
    int found = 0;
    for (int l = 0; l < 8; l++) found |= any[l];
    for (; i < n; i++) {
        const float v = infinities ? x[i] - x[i] : x[i];
        found |= v != v;
    }
    return found;
}

CK_INLINE int holds_nan(const float *x, size_t n) { return holds_unordered(x, n, 0); }
CK_INLINE int holds_nonfinite(const float *x, size_t n) { return holds_unordered(x, n, 1); }

#endif

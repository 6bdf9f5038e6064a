// Whether a plane holds a NaN: the pooling kernels take a compare without the NaN test on
// planes that do not (PyTorch's max pooling lets a NaN through).
#ifndef CKERNELS_NAN_SCAN_H
#define CKERNELS_NAN_SCAN_H
#include <stddef.h>
#include "dispatch.h"

// Whether n floats hold one: eight lanes at a time, four vectors a trip.
CK_INLINE int holds_nan(const float *x, size_t n) {
    typedef float v8 __attribute__((vector_size(32), aligned(4)));
    typedef int i8 __attribute__((vector_size(32)));
    i8 any = {0};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        const v8 a = *(const v8 *)(x + i), b = *(const v8 *)(x + i + 8), c = *(const v8 *)(x + i + 16), d = *(const v8 *)(x + i + 24);
        any |= (a != a) | (b != b) | (c != c) | (d != d);
    }
    int found = 0;
    for (int l = 0; l < 8; l++) found |= any[l];
    for (; i < n; i++) found |= x[i] != x[i];
    return found;
}

// Whether n floats hold a NaN or an infinity (x − x is NaN for both, 0 for every finite x).
CK_INLINE int holds_nonfinite(const float *x, size_t n) {
    typedef float v8 __attribute__((vector_size(32), aligned(4)));
    typedef int i8 __attribute__((vector_size(32)));
    i8 any = {0};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        const v8 a = *(const v8 *)(x + i), b = *(const v8 *)(x + i + 8), c = *(const v8 *)(x + i + 16), d = *(const v8 *)(x + i + 24);
        const v8 sa = a - a, sb = b - b, sc = c - c, sd = d - d;
        any |= (sa != sa) | (sb != sb) | (sc != sc) | (sd != sd);
    }
    int found = 0;
    for (int l = 0; l < 8; l++) found |= any[l];
    for (; i < n; i++) found |= (x[i] - x[i]) != (x[i] - x[i]);
    return found;
}

#endif

// Max pooling's backward (NCHW planes): which cell of each window was the maximum, found again
// from the input the forward saw, eight output columns at a time so the compares vectorise.
#include <math.h>
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"

typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));
typedef int i8 __attribute__((vector_size(32)));
typedef int i8u __attribute__((vector_size(32), aligned(4)));

// The padded plane: the input inside a −∞ border, wide enough that every window cell of every
// output column, and the eight-column loads past the last one, fall inside it (ceil_mode windows
// that hang past the input read −∞ there). Output columns are worked in `chunks` (Wo rounded up to 8).
CK_INLINE void padded_geometry(int h, int w, int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw,
                               int *pwidth, int *pheight, int *chunks) {
    int c = (wo + 7) / 8 * 8;
    int wide = sw * c + kw + 8, tall = (ho - 1) * sh + kh;
    *pwidth = w + 2 * pw > wide ? w + 2 * pw : wide;
    *pheight = h + 2 * ph > tall ? h + 2 * ph : tall;
    *chunks = c;
}

size_t ck_maxpool_backward_scratch(int height, int width, int outHeight, int outWidth, int kernelH, int kernelW,
                                   int strideH, int strideW, int padH, int padW) {
    int pwidth, pheight, chunks;
    padded_geometry(height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW,
                    &pwidth, &pheight, &chunks);
    return (size_t)pwidth * pheight + (size_t)chunks;
}

// Eight output columns' cells (ky, kx): src[0], src[sw], …, src[7·sw] into *v. Strides 1 and 2
// as one or two vector loads, others a float at a time. (Through a pointer: a vector returned by
// value changes the ABI between the baseline and AVX2 builds, which the compiler warns about.)
CK_INLINE void strided_load(const float *src, int sw, v8 *v) {
    if (sw == 1) { *v = *(const v8u *)src; return; }
    if (sw == 2) {
        v8 lo = *(const v8u *)src, hi = *(const v8u *)(src + 8);
        *v = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
        return;
    }
    for (int i = 0; i < 8; i++) (*v)[i] = src[i * sw];
}

// Per plane: the input copied into the padded plane (its −∞ border written once per call), then
// each output row's argmax found eight columns at a time, window cells in row-major order (ky,
// then kx) so that only a strictly greater value (or a NaN) takes over and a tie keeps the earlier
// cell. The winner is kept as its offset ky·W + kx from the window's corner in the input, so the
// scatter needs no division. The plane of dx is zeroed first and written here.
CK_INLINE void ck_maxpool_backward_planes_body(const float *x, const float *gy, float *dx, int planes, int h, int w,
                                               int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw,
                                               float *scratch) {
    int pwidth, pheight, chunks;
    padded_geometry(h, w, ho, wo, kh, kw, sh, sw, ph, pw, &pwidth, &pheight, &chunks);
    float *padded = scratch;
    int *at = (int *)(padded + (size_t)pwidth * pheight);
    for (size_t i = 0; i < (size_t)pwidth * pheight; i++) padded[i] = -INFINITY;
    const v8 minus_infinity = {-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY};
    const i8 none = {-1, -1, -1, -1, -1, -1, -1, -1};
    for (int p = 0; p < planes; p++) {
        const float *src = x + (size_t)p * h * w, *g = gy + (size_t)p * ho * wo;
        float *dst = dx + (size_t)p * h * w;
        for (int iy = 0; iy < h; iy++)
            memcpy(padded + (size_t)(iy + ph) * pwidth + pw, src + (size_t)iy * w, sizeof(float) * w);
        memset(dst, 0, sizeof(float) * h * w);
        for (int oy = 0; oy < ho; oy++) {
            const float *corner = padded + (size_t)oy * sh * pwidth;
            for (int q = 0; q < chunks; q += 8) {
                v8 b = minus_infinity;                    // the best value of each of 8 windows so far
                i8 a = none;                              // its cell's offset, −1 while none beat −∞
                for (int ky = 0; ky < kh; ky++) {
                    const float *row = corner + (size_t)ky * pwidth + q * sw;
                    for (int kx = 0; kx < kw; kx++) {
                        v8 v;
                        strided_load(row + kx, sw, &v);
                        i8 wins = (v > b) | (v != v);
                        b = (v8)(((i8)v & wins) | ((i8)b & ~wins));
                        a = (((i8){0} + (ky * w + kx)) & wins) | (a & ~wins);
                    }
                }
                *(i8u *)(at + q) = a;
            }
            const int top = oy * sh - ph, first_row = top < 0 ? 0 : top;
            for (int ox = 0; ox < wo; ox++) {
                const int left = ox * sw - pw;
                // All −∞ (padding never wins): the window's first cell inside the input.
                const int cell = at[ox] >= 0 ? top * w + left + at[ox] : first_row * w + (left < 0 ? 0 : left);
                dst[cell] += g[oy * wo + ox];
            }
        }
    }
}

CK_DISPATCH(ck_maxpool_backward_planes,
            (const float *x, const float *gy, float *dx, int planes, int height, int width, int outHeight, int outWidth,
             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, float *scratch),
            (x, gy, dx, planes, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, scratch))

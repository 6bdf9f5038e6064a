// Max pooling's backward (NCHW planes): which cell of each window was the maximum, found again
// from the input the forward saw, eight output columns at a time so the compares vectorise.
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"
#include "nan_scan.h"

typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));
typedef int i8 __attribute__((vector_size(32)));
typedef int i8u __attribute__((vector_size(32), aligned(4)));

// The padded plane: the input inside a −∞ border, wide enough that every window cell of every
// output column, and the `lanes`-column loads past the last one, fall inside it (ceil_mode windows
// that hang past the input read −∞ there). Output columns are worked in `chunks` (Wo rounded up to
// a whole number of vectors).
CK_INLINE void winners_geometry(int h, int w, int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw, int lanes,
                                int *pwidth, int *pheight, int *chunks) {
    int c = (wo + lanes - 1) / lanes * lanes;
    int wide = sw * c + kw + lanes, tall = (ho - 1) * sh + kh;
    *pwidth = w + 2 * pw > wide ? w + 2 * pw : wide;
    *pheight = h + 2 * ph > tall ? h + 2 * ph : tall;
    *chunks = c;
}

// The backward's eight-lane geometry
CK_INLINE void padded_geometry(int h, int w, int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw,
                               int *pwidth, int *pheight, int *chunks) {
    winners_geometry(h, w, ho, wo, kh, kw, sh, sw, ph, pw, 8, pwidth, pheight, chunks);
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

// The winner search's one rule, eight windows at once: v takes over from the best so far (*b, whose
// cell is *a) when strictly greater, or when it is a NaN; a tie keeps the earlier cell.
CK_INLINE void no_winner(v8 *b, i8 *a) {                 // −∞ so far, no cell (−1)
    *b = (v8){-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY};
    *a = (i8){-1, -1, -1, -1, -1, -1, -1, -1};
}

CK_INLINE void take_over(const v8 *v, const i8 *cell, v8 *b, i8 *a) {
    const i8 wins = (*v > *b) | (*v != *v);
    *b = (v8)(((i8)*v & wins) | ((i8)*b & ~wins));
    *a = (*cell & wins) | (*a & ~wins);
}

// The maxima of eight windows side by side, output columns q … q + 7 of the row of windows whose
// top-left corner is `corner` in the padded plane (`pwidth` wide), and which cell of each won:
// window cells in row-major order (ky, then kx), so that only a strictly greater value (or a NaN)
// takes over and a tie keeps the earlier cell. *at holds ky·code + kx of each winner (code = W for
// an offset into the input plane, kw for the cell's number in its window), −1 while none beat −∞.
CK_INLINE void window_winners(const float *corner, int pwidth, int q, int kh, int kw, int sw, int code, v8 *best, i8 *at) {
    no_winner(best, at);
    for (int ky = 0; ky < kh; ky++) {
        const float *row = corner + (size_t)ky * pwidth + q * sw;
        for (int kx = 0; kx < kw; kx++) {
            v8 v;
            strided_load(row + kx, sw, &v);
            const i8 cell = (i8){0} + (ky * code + kx);
            take_over(&v, &cell, best, at);
        }
    }
}

// The input plane into the padded one (rows ph …, columns pw …), whose −∞ border the caller wrote.
CK_INLINE void pad_plane(const float *src, int h, int w, int ph, int pw, int pwidth, float *padded) {
    for (int iy = 0; iy < h; iy++)
        memcpy(padded + (size_t)(iy + ph) * pwidth + pw, src + (size_t)iy * w, sizeof(float) * w);
}

// Where a window's gradient goes in the input plane: its winner, `offset` = ky·W + kx from the
// window's corner (top, left); or, when none won (all −∞: padding never wins), the window's first
// cell inside the input.
CK_INLINE int winner_cell(int top, int left, int w, int offset) {
    return offset >= 0 ? top * w + left + offset : (top < 0 ? 0 : top) * w + (left < 0 ? 0 : left);
}

// Per plane: the input copied into the padded plane (its −∞ border written once per call), then
// each output row's winners found eight columns at a time (window_winners), kept as offsets
// ky·W + kx from the window's corner in the input, so the scatter needs no division. The plane
// of dx is zeroed first and written here.
CK_INLINE void ck_maxpool_backward_planes_body(const float *x, const float *gy, float *dx, int planes, int h, int w,
                                               int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw,
                                               float *scratch) {
    int pwidth, pheight, chunks;
    padded_geometry(h, w, ho, wo, kh, kw, sh, sw, ph, pw, &pwidth, &pheight, &chunks);
    float *padded = scratch;
    int *at = (int *)(padded + (size_t)pwidth * pheight);
    for (size_t i = 0; i < (size_t)pwidth * pheight; i++) padded[i] = -INFINITY;
    for (int p = 0; p < planes; p++) {
        const float *src = x + (size_t)p * h * w, *g = gy + (size_t)p * ho * wo;
        float *dst = dx + (size_t)p * h * w;
        pad_plane(src, h, w, ph, pw, pwidth, padded);
        memset(dst, 0, sizeof(float) * h * w);
        for (int oy = 0; oy < ho; oy++) {
            const float *corner = padded + (size_t)oy * sh * pwidth;
            for (int q = 0; q < chunks; q += 8) {
                v8 b;
                i8 a;
                window_winners(corner, pwidth, q, kh, kw, sw, w, &b, &a);
                *(i8u *)(at + q) = a;
            }
            for (int ox = 0; ox < wo; ox++) dst[winner_cell(oy * sh - ph, ox * sw - pw, w, at[ox])] += g[oy * wo + ox];
        }
    }
}

#define L 8
#define WIDE(x) x##_8
#include "pooling_winners.h"
#undef L
#undef WIDE
#if defined(__x86_64__)
#define L 16
#define WIDE(x) x##_16
#include "pooling_winners.h"
#undef L
#undef WIDE
#endif

// dx: each output's gradient added to the cell its window's winner came from (the window's first
// cell inside the input when none did), in the order ck_maxpool_backward_planes adds them.
CK_INLINE void ck_maxpool_backward_from_winners_body(const float *gy, const unsigned char *winners, float *dx, int planes,
                                                     int h, int w, int ho, int wo, int kh, int kw, int sh, int sw,
                                                     int ph, int pw) {
    int offset[256];                                  // cell ky·kw + kx → ky·W + kx
    for (int c = 0; c < kh * kw; c++) offset[c] = c / kw * w + c % kw;
    for (int p = 0; p < planes; p++) {
        const float *g = gy + (size_t)p * ho * wo;
        const unsigned char *cells = winners + (size_t)p * ho * wo;
        float *dst = dx + (size_t)p * h * w;
        memset(dst, 0, sizeof(float) * h * w);
        for (int oy = 0; oy < ho; oy++)
            for (int ox = 0; ox < wo; ox++) {
                const int c = cells[oy * wo + ox];
                dst[winner_cell(oy * sh - ph, ox * sw - pw, w, c != 255 ? offset[c] : -1)] += g[oy * wo + ox];
            }
    }
}

size_t ck_maxpool_winners_scratch(int height, int width, int outHeight, int outWidth, int kernelH, int kernelW,
                                  int strideH, int strideW, int padH, int padW) {
    int pwidth, pheight, chunks;             // the widest vectors' geometry: 16 lanes
    winners_geometry(height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, 16,
                     &pwidth, &pheight, &chunks);
    // the padded plane, 64 bytes to align, then each padded row's best values and cells
    return (size_t)pwidth * pheight + 16 + 2 * (size_t)pheight * chunks;
}

CK_DISPATCH_LANES(ck_maxpool_planes_winners, maxpool_planes_winners,
                  (const float *x, float *y, unsigned char *winners, int planes, int height, int width, int outHeight, int outWidth,
                   int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, float *scratch),
                  (x, y, winners, planes, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, scratch))
CK_DISPATCH(ck_maxpool_backward_from_winners,
            (const float *gy, const unsigned char *winners, float *dx, int planes, int height, int width, int outHeight,
             int outWidth, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW),
            (gy, winners, dx, planes, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW))

CK_DISPATCH(ck_maxpool_backward_planes,
            (const float *x, const float *gy, float *dx, int planes, int height, int width, int outHeight, int outWidth,
             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, float *scratch),
            (x, gy, dx, planes, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, scratch))

// Max pooling's backward (NCHW planes): which cell of each window was the maximum, found again
// from the input the forward saw, a whole output row at a time so the compares vectorise.
#include <math.h>
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"

// The output columns ox whose input column ox·sw − pw + kx lies in 0..<width: [*first, *last).
CK_INLINE void valid_columns(int kx, int sw, int pw, int width, int outWidth, int *first, int *last) {
    int low = pw - kx, high = width - 1 + pw - kx;            // ox·sw must lie in low…high
    int f = low <= 0 ? 0 : (low + sw - 1) / sw;
    if (f > outWidth) f = outWidth;
    int l = high < 0 ? f : high / sw + 1;
    if (l > outWidth) l = outWidth;
    if (l < f) l = f;
    *first = f; *last = l;
}

typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));
typedef int i8 __attribute__((vector_size(32)));
typedef int i8u __attribute__((vector_size(32), aligned(4)));

// One window cell (ky, kx) for output columns [first, last): its value v = src[ox·sw] beats the
// running best when strictly greater, or NaN. Strides 1 and 2 run eight columns at a time with
// explicit vectors (compare, then blend by the mask); other strides one at a time.
CK_INLINE void window_column_max(const float *src, int sw, int first, int last, int base, float *best, int *at) {
    int ox = first;
    if (sw == 1 || sw == 2) {
        const i8 lane = {0, 1, 2, 3, 4, 5, 6, 7};
        // Stride 2 reads 16 floats for 8 columns: keep a ninth valid column after them, so the
        // 16th float (one past the eighth column's cell) still lies inside the row.
        for (; ox + 8 + (sw == 2) <= last; ox += 8) {
            v8 v;
            if (sw == 1) {
                v = *(const v8u *)(src + ox);
            } else {                                   // the even floats of 16: src[2·ox], src[2·ox + 2], …
                v8 lo = *(const v8u *)(src + 2 * ox), hi = *(const v8u *)(src + 2 * ox + 8);
                v = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
            }
            v8 b = *(v8u *)(best + ox);
            i8 wins = (v > b) | (v != v);
            *(v8u *)(best + ox) = (v8)(((i8)v & wins) | ((i8)b & ~wins));
            i8 index = (lane + ox) * sw + base;
            *(i8u *)(at + ox) = (index & wins) | (*(i8u *)(at + ox) & ~wins);
        }
    }
    for (; ox < last; ox++) {
        float v = src[ox * sw];
        if (v > best[ox] || v != v) { best[ox] = v; at[ox] = base + ox * sw; }
    }
}

// Stride 1 on one plane: the plane copied into a −∞-padded one of width PW = W + 2·pw makes
// every window cell (ky, kx) one contiguous run over q = oy·PW + ox for the whole plane (the
// columns ox ≥ Wo are computed and ignored), so small maps (7×7, 14×14) vectorise as well as
// large ones. Records the winning cell's number ky·kw + kx, −1 while none beat −∞.
// src: (H, W) → at: (Ho·PW) cell numbers; scratch: padded plane, then best values
CK_INLINE void stride1_window_argmax(const float *src, int h, int w, int ho, int kh, int kw, int ph, int pw,
                                     float *padded, float *best, int *at) {
    int pwidth = w + 2 * pw, pheight = h + 2 * ph, span = ho * pwidth;
    for (int i = 0; i < pheight * pwidth + kw; i++) padded[i] = -INFINITY;
    for (int iy = 0; iy < h; iy++) memcpy(padded + (size_t)(iy + ph) * pwidth + pw, src + (size_t)iy * w, sizeof(float) * w);
    for (int q = 0; q < span; q++) { best[q] = -INFINITY; at[q] = -1; }
    for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
            const float *cells = padded + ky * pwidth + kx;
            const int cell = ky * kw + kx;
            int q = 0;
            for (; q + 8 <= span; q += 8) {
                v8 v = *(const v8u *)(cells + q), b = *(v8u *)(best + q);
                i8 wins = (v > b) | (v != v);
                *(v8u *)(best + q) = (v8)(((i8)v & wins) | ((i8)b & ~wins));
                *(i8u *)(at + q) = ((i8){0} + cell & wins) | (*(i8u *)(at + q) & ~wins);
            }
            for (; q < span; q++) {
                float v = cells[q];
                if (v > best[q] || v != v) { best[q] = v; at[q] = cell; }
            }
        }
    }
}

// Floats of scratch the kernel needs: 2·Wo (row by row), or for stride 1 the padded plane plus
// best values and cell numbers over Ho·PW.
size_t ck_maxpool_backward_scratch(int height, int width, int outHeight, int outWidth, int kernelW,
                                   int strideH, int strideW, int padH, int padW) {
    if (strideH == 1 && strideW == 1) {
        size_t pwidth = (size_t)width + 2 * padW;
        return ((size_t)height + 2 * padH) * pwidth + kernelW + 2 * (size_t)outHeight * pwidth;
    }
    return 2 * (size_t)outWidth;
}

CK_INLINE void ck_maxpool_backward_planes_body(const float *x, const float *gy, float *dx, int planes, int h, int w,
                                               int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw,
                                               float *scratch) {
    if (sh == 1 && sw == 1) {
        int pwidth = w + 2 * pw;
        float *padded = scratch, *best = padded + (size_t)(h + 2 * ph) * pwidth + kw;
        int *at = (int *)(best + (size_t)ho * pwidth);
        for (int p = 0; p < planes; p++) {
            const float *g = gy + (size_t)p * ho * wo;
            float *dst = dx + (size_t)p * h * w;
            stride1_window_argmax(x + (size_t)p * h * w, h, w, ho, kh, kw, ph, pw, padded, best, at);
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int cell = at[oy * pwidth + ox];
                    // The winner's place in the input; all −∞: the window's first cell inside.
                    int iy = cell >= 0 ? oy - ph + cell / kw : (oy - ph < 0 ? 0 : oy - ph);
                    int ix = cell >= 0 ? ox - pw + cell % kw : (ox - pw < 0 ? 0 : ox - pw);
                    dst[iy * w + ix] += g[oy * wo + ox];
                }
            }
        }
        return;
    }
    float *best = scratch;                        // (Wo) the largest value so far in each window of the row
    int *at = (int *)(scratch + wo);              // (Wo) its index in the plane, −1 while none beat −∞
    for (int p = 0; p < planes; p++) {
        const float *src = x + (size_t)p * h * w, *g = gy + (size_t)p * ho * wo;
        float *dst = dx + (size_t)p * h * w;
        for (int oy = 0; oy < ho; oy++) {
            for (int ox = 0; ox < wo; ox++) { best[ox] = -INFINITY; at[ox] = -1; }
            // Window cells in row-major order (ky, then kx), so a tie keeps the earlier cell.
            for (int ky = 0; ky < kh; ky++) {
                int iy = oy * sh - ph + ky;
                if (iy < 0 || iy >= h) continue;                       // padding: −∞ never wins
                const float *line = src + (size_t)iy * w;
                for (int kx = 0; kx < kw; kx++) {
                    int first, last;
                    valid_columns(kx, sw, pw, w, wo, &first, &last);
                    int offset = kx - pw, base = iy * w + offset;
                    window_column_max(line + offset, sw, first, last, base, best, at);
                }
            }
            int y0 = oy * sh - ph < 0 ? 0 : oy * sh - ph;
            for (int ox = 0; ox < wo; ox++) {
                int x0 = ox * sw - pw < 0 ? 0 : ox * sw - pw;
                int cell = at[ox] >= 0 ? at[ox] : y0 * w + x0;        // all −∞: the first cell inside
                dst[cell] += g[oy * wo + ox];
            }
        }
    }
}

CK_DISPATCH(ck_maxpool_backward_planes,
            (const float *x, const float *gy, float *dx, int planes, int height, int width, int outHeight, int outWidth,
             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, float *scratch),
            (x, gy, dx, planes, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, scratch))

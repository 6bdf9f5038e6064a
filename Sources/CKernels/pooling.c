// Max pooling, one output row at a time: first the maximum down each column over the window's
// rows (a contiguous, vectorised pass over W), then the maximum across each window's columns of
// that row. kh + kw comparisons per output, not kh·kw, and no branches in the inner loops:
// the column buffer carries −∞ in its padding, as PyTorch's MaxPool2d pads with −∞.
#include <math.h>
#include "CKernels.h"
#include "dispatch.h"
#include "nan_scan.h"

// The larger of a and b; with `nan` (a plane that holds a NaN), a NaN when either is one:
// PyTorch's max pooling lets a NaN through. Planes without one take the two-instruction max.
CK_INLINE float pick(float a, float b, const int nan) { return a > b || (nan && a != a) ? a : b; }
#define larger(a, b) pick((a), (b), nan)

// The 3×3, stride-1, padding-1 pool of every Inception module, on whole planes as flat arrays:
// the column maximum of element i is max(x[i − W], x[i], x[i + W]) and the row maximum
// max(v[i − 1], v[i], v[i + 1]); only the border rows and columns need fixing afterwards.
// x: (H, W) → y: (H, W); v: scratch (H, W); H, W ≥ 2
CK_INLINE void maxpool3x3_same_plane(const float *restrict x, float *restrict y, float *restrict v, int h, int w, const int nan) {
    const int n = h * w;
    for (int i = 0; i < w; i++) v[i] = larger(x[i], x[i + w]);
    for (int i = w; i < n - w; i++) v[i] = larger(larger(x[i - w], x[i]), x[i + w]);
    for (int i = n - w; i < n; i++) v[i] = larger(x[i - w], x[i]);
    y[0] = larger(v[0], v[1]);
    for (int i = 1; i < n - 1; i++) y[i] = larger(larger(v[i - 1], v[i]), v[i + 1]);
    y[n - 1] = larger(v[n - 2], v[n - 1]);
    for (int r = 0; r < h; r++) {                 // the first and last column saw the next/previous row
        const float *restrict vr = v + (size_t)r * w;
        y[(size_t)r * w] = larger(vr[0], vr[1]);
        y[(size_t)r * w + w - 1] = larger(vr[w - 2], vr[w - 1]);
    }
}

// One plane in two passes: every output row's column maxima first (row oy at columns + oy·stride),
// then the maxima across each window's columns. The rows are done before they are read: read
// right after its stores, a row's maxima held every load up on them (3×3 stride 2 over 480
// planes of 28×28, one thread: 79 µs, the Zen 5).
CK_INLINE void pool_plane(const float *restrict plane, float *restrict out, int h, int w, int ho, int wo, int kh, int kw,
                          int sh, int sw, int ph, int pw, float *restrict scratch, size_t stride, const int nan) {
    for (int oy = 0; oy < ho; oy++) {
        int y0 = oy * sh - ph, y1 = y0 + kh;
        if (y0 < 0) y0 = 0;
        if (y1 > h) y1 = h;
        const float *restrict r = plane + (size_t)y0 * w;
        float *restrict columns = scratch + (size_t)oy * stride + pw;
        if (y1 - y0 == 3) {
            for (int x = 0; x < w; x++) columns[x] = larger(larger(r[x], r[x + w]), r[x + 2 * w]);
        } else {
            for (int x = 0; x < w; x++) columns[x] = r[x];
            for (int y = y0 + 1; y < y1; y++) {
                const float *restrict next = plane + (size_t)y * w;
                for (int x = 0; x < w; x++) columns[x] = larger(columns[x], next[x]);
            }
        }
    }
    for (int oy = 0; oy < ho; oy++, out += wo) {
        const float *restrict c = scratch + (size_t)oy * stride;     // window ox covers c[ox·sw … ox·sw + kw)
        if (kw == 3 && sw == 1) {
            for (int ox = 0; ox < wo; ox++) out[ox] = larger(larger(c[ox], c[ox + 1]), c[ox + 2]);
        } else if (kw == 3 && sw == 2) {
            for (int ox = 0; ox < wo; ox++) out[ox] = larger(larger(c[2 * ox], c[2 * ox + 1]), c[2 * ox + 2]);
        } else {
            for (int ox = 0; ox < wo; ox++) {
                float m = c[ox * sw];
                for (int k = 1; k < kw; k++) m = larger(m, c[ox * sw + k]);
                out[ox] = m;
            }
        }
    }
}

CK_INLINE void ck_maxpool_planes_body(const float *restrict src, float *restrict dst, int planes, int h, int w,
                                      int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw,
                                      float *restrict scratch) {
    if (kh == 3 && kw == 3 && sh == 1 && sw == 1 && ph == 1 && pw == 1 && ho == h && wo == w && h >= 2 && w >= 2) {
        for (int p = 0; p < planes; p++) {
            const float *x = src + (size_t)p * h * w;
            if (holds_nan(x, (size_t)h * w)) maxpool3x3_same_plane(x, dst + (size_t)p * h * w, scratch, h, w, 1);
            else maxpool3x3_same_plane(x, dst + (size_t)p * h * w, scratch, h, w, 0);
        }
        return;
    }
    // scratch: ho rows of (pw + W + right) floats, the column maxima of each output row between −∞ padding
    int right = (wo - 1) * sw + kw - pw - w;
    if (right < 0) right = 0;
    const size_t stride = (size_t)(pw + w + right);
    for (int oy = 0; oy < ho; oy++) {
        float *row = scratch + (size_t)oy * stride;
        for (int i = 0; i < pw; i++) row[i] = -INFINITY;
        for (int i = 0; i < right; i++) row[pw + w + i] = -INFINITY;
    }
    for (int p = 0; p < planes; p++) {
        const float *restrict plane = src + (size_t)p * h * w;
        float *restrict out = dst + (size_t)p * ho * wo;
        if (holds_nan(plane, (size_t)h * w)) pool_plane(plane, out, h, w, ho, wo, kh, kw, sh, sw, ph, pw, scratch, stride, 1);
        else pool_plane(plane, out, h, w, ho, wo, kh, kw, sh, sw, ph, pw, scratch, stride, 0);
    }
}

size_t ck_maxpool_scratch(int height, int width, int strideW, int padW) {
    // a row of column maxima with its padding, for each output row (at most height + 2 of them)
    const size_t rows = ((size_t)width + 2 * (size_t)padW + (size_t)strideW) * ((size_t)height + 2), plane = (size_t)height * width;
    return rows > plane ? rows : plane;
}

CK_DISPATCH(ck_maxpool_planes,
            (const float *src, float *dst, int planes, int height, int width, int outHeight, int outWidth,
             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, float *scratch),
            (src, dst, planes, height, width, outHeight, outWidth, kernelH, kernelW, strideH, strideW, padH, padW, scratch))

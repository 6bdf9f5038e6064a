// im2col for the fast path's CNHW buffers.
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"

CK_INLINE void ck_im2col_body(const float *restrict src, size_t ldSrc, int h, int w,
                              int kh, int kw, int sh, int sw, int ph, int pw, int ho, int wo,
                              int r0, int r1, size_t j0, size_t j1, float *restrict cols) {
    const size_t width = j1 - j0, plane = (size_t)h * w, outPlane = (size_t)ho * wo;
    for (int r = r0; r < r1; r++) {
        const int c = r / (kh * kw), ky = (r / kw) % kh, kx = r % kw;
        float *restrict line = cols + (size_t)r * width;
        size_t j = j0;
        while (j < j1) {
            const size_t img = j / outPlane, rest = j % outPlane;
            const int oy = (int)(rest / wo), ox0 = (int)(rest % wo);
            const int run = (size_t)(wo - ox0) < j1 - j ? wo - ox0 : (int)(j1 - j);   // the rest of this output row
            const int iy = oy * sh - ph + ky;
            if (iy < 0 || iy >= h) {
                memset(line, 0, run * sizeof(float));
            } else {
                const float *restrict input = src + (size_t)c * ldSrc + img * plane + (size_t)iy * w;
                // ix = ox·s − pw + kx lies inside the row for ox in [lo, hi)
                int lo = (pw - kx + sw - 1) / sw, hi = (w + pw - kx + sw - 1) / sw;
                if (pw - kx < 0) lo = 0;
                if (lo < ox0) lo = ox0;
                if (lo > ox0 + run) lo = ox0 + run;
                if (hi > ox0 + run) hi = ox0 + run;
                if (hi < lo) hi = lo;
                for (int ox = ox0; ox < lo; ox++) line[ox - ox0] = 0;
                if (sw == 1) {
                    memcpy(line + (lo - ox0), input + lo - pw + kx, (size_t)(hi - lo) * sizeof(float));
                } else if (sw == 2) {
                    const float *restrict in = input + 2 * lo - pw + kx;
                    float *restrict out = line + (lo - ox0);
                    for (int i = 0; i < hi - lo; i++) out[i] = in[2 * i];
                } else {
                    for (int ox = lo; ox < hi; ox++) line[ox - ox0] = input[ox * sw - pw + kx];
                }
                for (int ox = hi; ox < ox0 + run; ox++) line[ox - ox0] = 0;
            }
            line += run;
            j += run;
        }
    }
}

CK_DISPATCH(ck_im2col,
            (const float *src, size_t ldSrc, int height, int width,
             int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int outHeight, int outWidth,
             int r0, int r1, size_t j0, size_t j1, float *cols),
            (src, ldSrc, height, width, kernelH, kernelW, strideH, strideW, padH, padW,
             outHeight, outWidth, r0, r1, j0, j1, cols))


// dst row (c, iy, φ), j < rowLength = padded input (c, iy, j·sw + φ): the row's cells copied
// sw apart, zeros where the window hangs over the edges.
CK_INLINE void ck_phase_rows_body(const float *restrict src, size_t ldSrc, int h, int w, int ph, int pw, int sw,
                                  int hp, int rowLength, int r0, int r1, float *restrict dst) {
    for (int r = r0; r < r1; r++) {
        const int c = r / hp, iy = r % hp - ph, inside = iy >= 0 && iy < h;
        const float *restrict line = src + (size_t)c * ldSrc + (size_t)(inside ? iy : 0) * w;
        for (int phase = 0; phase < sw; phase++) {
            float *restrict out = dst + ((size_t)r * sw + phase) * rowLength;
            for (int j = 0; j < rowLength; j++) {
                const int ix = j * sw + phase - pw;
                out[j] = inside && ix >= 0 && ix < w ? line[ix] : 0;
            }
        }
    }
}

CK_DISPATCH(ck_phase_rows,
            (const float *src, size_t ldSrc, int height, int width, int padH, int padW, int strideW,
             int paddedHeight, int rowLength, int r0, int r1, float *dst),
            (src, ldSrc, height, width, padH, padW, strideW, paddedHeight, rowLength, r0, r1, dst))

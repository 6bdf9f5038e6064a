// col2im: the adjoint of im2col, for a convolution's input gradient (NCHW, one image).
#include "CKernels.h"
#include "dispatch.h"

CK_INLINE void ck_col2im_body(const float *cols, size_t ldCols, int c, int h, int w, int kh, int kw, int sh, int sw,
                              int ph, int pw, int ho, int wo, float *x) {
    const float *src = cols;
    for (int ch = 0; ch < c; ch++) {
        float *plane = x + (size_t)ch * h * w;
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++, src += ldCols) {
                // The output columns whose input column ox·sw − pw + kx lies inside 0..<w.
                int low = pw - kx, high = w - 1 + pw - kx;
                int first = low <= 0 ? 0 : (low + sw - 1) / sw;
                if (first > wo) first = wo;
                int last = high < 0 ? first : high / sw + 1;
                if (last > wo) last = wo;
                if (last < first) last = first;
                for (int oy = 0; oy < ho; oy++) {
                    int iy = oy * sh - ph + ky;
                    if (iy < 0 || iy >= h) continue;
                    const float *line = src + (size_t)oy * wo;
                    float *dst = plane + (size_t)iy * w - low;            // dst[ox·sw] is input column ox·sw − low
                    if (sw == 1) {
                        for (int ox = first; ox < last; ox++) dst[ox] += line[ox];
                    } else {
                        for (int ox = first; ox < last; ox++) dst[ox * sw] += line[ox];
                    }
                }
            }
        }
    }
}

CK_DISPATCH(ck_col2im,
            (const float *cols, size_t ldCols, int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
             int padH, int padW, int outHeight, int outWidth, float *x),
            (cols, ldCols, channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outHeight, outWidth, x))

// Direct 2-D convolution that reads only the input cells each tap lands on: a dilated kernel's
// holes are never multiplied, and the padding only when g.multiplyPadding says so (a non-finite
// tap or gradient times a padding zero is NaN). PyTorch's backends differ there: oneDNN's direct
// kernels skip the padding, its GEMM-based ones and ATen's im2col multiply it; both skip the holes
// (see ConvolutionPadding.swift). Plain loops, one output row (or input row) at a time so the
// innermost loop runs along a row: the path for non-finite operands, not a fast path.
// Reference twins: NaiveKernels.conv2d and NaiveBackwardKernels.conv2d (undilated).
#include "CKernels.h"

// Output columns [*first, *last) whose input column ox·sw − offset lies in 0 ..< width, where
// offset = pw − kx·dw (the tap's shift); clamped to 0 ..< outWidth.
static void columns_inside(int offset, int width, int sw, int outWidth, int *first, int *last) {
    int high = width - 1 + offset;
    int f = offset <= 0 ? 0 : (offset + sw - 1) / sw;
    int l = high < 0 ? 0 : high / sw + 1;
    if (f > outWidth) f = outWidth;
    if (l > outWidth) l = outWidth;
    if (l < f) l = f;
    *first = f; *last = l;
}

// y[i, o] = bias[o] + Σ over c, ky, kx of weight[o, c, ky, kx] · x[i, c, oy·sh − ph + ky·dh, ox·sw − pw + kx·dw],
// cells outside the input skipped; output channels [o0, o1) of every image.
// x: images × (C, H, W) `xImage` apart, weight: (O, C, kh, kw), bias: (O) or NULL → y: images × (O, Ho, Wo) `yImage` apart
void ck_direct_conv2d(const float *x, const float *weight, const float *bias, float *y, int images,
                      ck_direct_conv g, int o0, int o1) {
    size_t inPlane = (size_t)g.height * g.width, outPlane = (size_t)g.outHeight * g.outWidth;
    for (int i = 0; i < images; i++) {
        for (int o = o0; o < o1; o++) {
            float *out = y + i * g.yImage + o * outPlane;
            float b = bias ? bias[o] : 0.0f;
            for (size_t e = 0; e < outPlane; e++) out[e] = b;
            for (int c = 0; c < g.channels; c++) {
                const float *in = x + i * g.xImage + c * inPlane;
                const float *taps = weight + ((size_t)o * g.channels + c) * g.kh * g.kw;
                for (int ky = 0; ky < g.kh; ky++) {
                    for (int kx = 0; kx < g.kw; kx++) {
                        float tap = taps[ky * g.kw + kx];
                        int offset = g.pw - kx * g.dw, first, last;
                        columns_inside(offset, g.width, g.sw, g.outWidth, &first, &last);
                        for (int oy = 0; oy < g.outHeight; oy++) {
                            int iy = oy * g.sh - g.ph + ky * g.dh;
                            float *line = out + (size_t)oy * g.outWidth;
                            if (iy < 0 || iy >= g.height) {
                                if (g.multiplyPadding)     // every row and column outside the input is padding
                                    for (int ox = 0; ox < g.outWidth; ox++) line[ox] += tap * 0.0f;
                                continue;
                            }
                            const float *row = in + (size_t)iy * g.width - offset;     // row[ox·sw] is input column ox·sw − offset
                            if (g.multiplyPadding) {
                                for (int ox = 0; ox < first; ox++) line[ox] += tap * 0.0f;
                                for (int ox = last; ox < g.outWidth; ox++) line[ox] += tap * 0.0f;
                            }
                            for (int ox = first; ox < last; ox++) line[ox] += tap * row[(size_t)ox * g.sw];
                        }
                    }
                }
            }
        }
    }
}

// dW[o, c, ky, kx] = Σ over images and outputs of gy[i, o, oy, ox] · x[i, c, iy, ix] where (iy, ix) is
// inside the input; output channels [o0, o1). Summed in double, rounded once.
// x: images × (C, H, W) `xImage` apart, gy: images × (O, Ho, Wo) `yImage` apart → dw: (O, C, kh, kw)
void ck_direct_conv2d_weight_grad(const float *x, const float *gy, float *dw, int images,
                                  ck_direct_conv g, int o0, int o1) {
    size_t inPlane = (size_t)g.height * g.width, outPlane = (size_t)g.outHeight * g.outWidth;
    for (int o = o0; o < o1; o++) {
        for (int c = 0; c < g.channels; c++) {
            for (int ky = 0; ky < g.kh; ky++) {
                for (int kx = 0; kx < g.kw; kx++) {
                    int offset = g.pw - kx * g.dw, first, last;
                    columns_inside(offset, g.width, g.sw, g.outWidth, &first, &last);
                    double sum = 0;
                    for (int i = 0; i < images; i++) {
                        const float *in = x + i * g.xImage + c * inPlane, *grad = gy + i * g.yImage + o * outPlane;
                        for (int oy = 0; oy < g.outHeight; oy++) {
                            int iy = oy * g.sh - g.ph + ky * g.dh;
                            const float *line = grad + (size_t)oy * g.outWidth;
                            if (iy < 0 || iy >= g.height) {
                                if (g.multiplyPadding)     // every row and column outside the input is padding
                                    for (int ox = 0; ox < g.outWidth; ox++) sum += (double)line[ox] * 0.0;
                                continue;
                            }
                            const float *row = in + (size_t)iy * g.width - offset;
                            if (g.multiplyPadding) {
                                for (int ox = 0; ox < first; ox++) sum += (double)line[ox] * 0.0;
                                for (int ox = last; ox < g.outWidth; ox++) sum += (double)line[ox] * 0.0;
                            }
                            for (int ox = first; ox < last; ox++) sum += (double)line[ox] * row[(size_t)ox * g.sw];
                        }
                    }
                    dw[(((size_t)o * g.channels + c) * g.kh + ky) * g.kw + kx] = (float)sum;
                }
            }
        }
    }
}

// dx[i, c, iy, ix] = Σ over o and the taps that land on (iy, ix) of weight[o, c, ky, kx] · gy[i, o, oy, ox];
// input channels [c0, c1) of every image, written whole.
// gy: images × (O, Ho, Wo) `yImage` apart, weight: (O, C, kh, kw) → dx: images × (C, H, W) `xImage` apart
void ck_direct_conv2d_input_grad(const float *gy, const float *weight, float *dx, int images,
                                 ck_direct_conv g, int c0, int c1) {
    size_t inPlane = (size_t)g.height * g.width, outPlane = (size_t)g.outHeight * g.outWidth;
    for (int i = 0; i < images; i++) {
        for (int c = c0; c < c1; c++) {
            float *in = dx + i * g.xImage + c * inPlane;
            for (size_t e = 0; e < inPlane; e++) in[e] = 0.0f;
            for (int o = 0; o < g.outChannels; o++) {
                const float *grad = gy + i * g.yImage + o * outPlane;
                const float *taps = weight + ((size_t)o * g.channels + c) * g.kh * g.kw;
                for (int ky = 0; ky < g.kh; ky++) {
                    for (int kx = 0; kx < g.kw; kx++) {
                        float tap = taps[ky * g.kw + kx];
                        int offset = g.pw - kx * g.dw, first, last;
                        columns_inside(offset, g.width, g.sw, g.outWidth, &first, &last);
                        for (int oy = 0; oy < g.outHeight; oy++) {
                            int iy = oy * g.sh - g.ph + ky * g.dh;
                            if (iy < 0 || iy >= g.height) continue;
                            float *row = in + (size_t)iy * g.width - offset;
                            const float *line = grad + (size_t)oy * g.outWidth;
                            for (int ox = first; ox < last; ox++) row[(size_t)ox * g.sw] += tap * line[ox];
                        }
                    }
                }
            }
        }
    }
}

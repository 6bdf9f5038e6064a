// Hand-vectorisable C kernels for the fast path (InceptionRuntime/Fast). Each exists because
// the Swift version was too slow: Winograd transforms and max pooling are element loops that
// clang turns into AVX2 code (chosen at run time; plain SSE2 on older CPUs).
//
// Layouts are the fast path's CNHW: a channel's rows are `ld` floats apart and hold the batch's
// H×W planes one after another.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

/// The Winograd tile geometry F(m×m, 3×3): output tiles m×m, input tiles (m+2)×(m+2).
/// Tiles are numbered t = (n·tilesHigh + ty)·tilesWide + tx over the batch.
typedef struct {
    int m;                  // 2 or 4
    int batch, height, width;
    int tilesHigh, tilesWide;
} ck_winograd_geometry;

ck_winograd_geometry ck_winograd_geometry_make(int m, int batch, int height, int width);

/// Floats of scratch `ck_winograd_input` needs per call: one zero-padded plane per image.
size_t ck_winograd_input_scratch(ck_winograd_geometry g);

/// Input transform V = Bᵀ d B of every (m+2)² tile of channels [c0, c1), tiles [t0, t1),
/// 3×3 convolution with padding 1, stride 1.
// src: (C, N, H, W), channel rows `ldSrc` apart → V: (α², C, ldV), V[(ξ·C + c)·ldV + (t − t0)]
void ck_winograd_input(ck_winograd_geometry g, const float *src, size_t ldSrc,
                       int channels, int c0, int c1, int t0, int t1,
                       float *V, size_t ldV, float *scratch);

/// Output transform y = Aᵀ M A of tiles [t0, t1) for output channels [k0, k1), plus bias and
/// (if relu) max(·, 0), written to the tiles' places in dst (tiles cut at the border).
// M: (α², K, ldM), M[(ξ·K + k)·ldM + (t − t0)] → dst: (K, N, H, W), channel rows `ldDst` apart
void ck_winograd_output(ck_winograd_geometry g, const float *M, size_t ldM,
                        int outChannels, int k0, int k1, int t0, int t1,
                        const float *bias, int relu, float *dst, size_t ldDst);

/// Max pooling of `planes` H×W planes with −∞ padding (PyTorch's MaxPool2d).
// src: (planes, H, W) → dst: (planes, Ho, Wo); scratch: ck_maxpool_scratch(…) floats
void ck_maxpool_planes(const float *src, float *dst, int planes, int height, int width,
                       int outHeight, int outWidth, int kernelH, int kernelW,
                       int strideH, int strideW, int padH, int padW, float *scratch);

/// Floats of scratch `ck_maxpool_planes` needs.
size_t ck_maxpool_scratch(int height, int width, int strideW, int padW);

/// The name of the instruction set the kernels run with ("avx2+fma" or "sse2").
const char *ck_isa(void);

#endif

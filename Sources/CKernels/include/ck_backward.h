// Backward-pass kernels of the reference path (InceptionRuntime/Kernels/*Backward.swift call them),
// NCHW layout. Each has a naive Double twin in NaiveBackwardKernels that the tests compare it with,
// under every instruction set this CPU can run (ck_force_isa).
#ifndef CK_BACKWARD_H
#define CK_BACKWARD_H

#include <stddef.h>

/// Max pooling's backward on `planes` planes: each output's gradient is added at its window's
/// FIRST maximum in row-major order (a later value must be strictly greater, a NaN always takes
/// over; −∞ padding never wins; a window of −∞ only sends it to its first cell inside the input).
// x: (planes, H, W), gy: (planes, Ho, Wo) → dx: (planes, H, W), written (no need to zero it);
// scratch: ck_maxpool_backward_scratch(…) floats
void ck_maxpool_backward_planes(const float *x, const float *gy, float *dx, int planes, int height, int width,
                                int outHeight, int outWidth, int kernelH, int kernelW,
                                int strideH, int strideW, int padH, int padW, float *scratch);

/// Floats of scratch `ck_maxpool_backward_planes` needs for this geometry.
size_t ck_maxpool_backward_scratch(int height, int width, int outHeight, int outWidth, int kernelH, int kernelW,
                                   int strideH, int strideW, int padH, int padW);

/// Max pooling's forward for training: y, and each window's winner (the cell the backward's rule
/// picks: the first maximum in row-major order, a NaN always) as its number ky·kw + kx in the
/// window, 255 when only −∞ or padding was there; kh·kw ≤ 255.
// x: (planes, H, W) → y: (planes, Ho, Wo), winners: (planes, Ho, Wo) bytes; scratch: ck_maxpool_winners_scratch(…) floats
void ck_maxpool_planes_winners(const float *x, float *y, unsigned char *winners, int planes, int height, int width,
                               int outHeight, int outWidth, int kernelH, int kernelW, int strideH, int strideW,
                               int padH, int padW, float *scratch);
size_t ck_maxpool_winners_scratch(int height, int width, int outHeight, int outWidth, int kernelH, int kernelW,
                                  int strideH, int strideW, int padH, int padW);

/// Max pooling's backward from the forward's winners: the same dx as ck_maxpool_backward_planes,
/// without reading x.
// gy, winners: (planes, Ho, Wo) → dx: (planes, H, W), written whole
void ck_maxpool_backward_from_winners(const float *gy, const unsigned char *winners, float *dx, int planes, int height,
                                      int width, int outHeight, int outWidth, int kernelH, int kernelW, int strideH,
                                      int strideW, int padH, int padW);

/// ReLU's backward from its output: dx = gy where y > 0, else 0.
// y, gy, dx: count floats each
void ck_relu_backward(const float *y, const float *gy, float *dx, size_t count);

/// The adjoint of im2col for one image: each column entry is added back onto the input cell it
/// was copied from; entries that came from padding are dropped. The image's Ho·Wo columns may be
/// a block of a wider matrix (the batch's), its rows `ldCols` floats apart.
// cols: (C·kh·kw, Ho·Wo), rows ordered (c, ky, kx), `ldCols` apart → x: (C, H, W), accumulated (+=)
void ck_col2im(const float *cols, size_t ldCols, int channels, int height, int width, int kernelH, int kernelW,
               int strideH, int strideW, int padH, int padW, int outHeight, int outWidth, float *x);

/// One channel's Σg and Σg·(x − mean) over `planes` planes of `plane` values, `stride` floats
/// apart: each plane in float (eight lanes), the planes in double. g = gy, or with `relu` (a ReLU
/// fused after the BatchNorm, whose forward was ck_scale_shift(x, scale, shift, relu = 1)) gy
/// where x·scale + shift > 0, else 0.
// x, gy: (planes, plane), planes `stride` apart
void ck_channel_grad_sums(const float *x, const float *gy, int planes, int plane, size_t stride, float mean,
                          float scale, float shift, int relu, double *sumGy, double *sumGyCentred);

/// dx = a·g + b·(x − mean) + d over one channel's planes (BatchNorm's train-mode backward), g as
/// in ck_channel_grad_sums.
// x, gy, dx: (planes, plane), planes `stride` apart
void ck_batchnorm_backward_apply(const float *x, const float *gy, float *dx, int planes, int plane, size_t stride,
                                 float mean, float a, float b, float d, float scale, float shift, int relu);

/// Σ of one channel's values over `planes` planes (a bias gradient): float lanes, double planes.
// gy: (planes, plane), planes `stride` apart
double ck_channel_sum(const float *gy, int planes, int plane, size_t stride);

/// One SGD step of one parameter (torch.optim.SGD), in one pass: g negated if `maximize`;
/// d = g + weightDecay·p; with buf: buf = d on the first step, else momentum·buf + keep·d (keep =
/// 1 − dampening), and d = d + momentum·buf (`nesterov`) or buf; then p −= lr·d. buf NULL: no momentum.
// p, g, buf: count floats each
void ck_sgd_update(float *p, const float *g, float *buf, size_t count, float lr, float momentum, float weightDecay,
                   int firstStep, float keep, int nesterov, int maximize);

/// ck_force_isa(CK_ISA_BASELINE) when `on`, else ck_force_isa(CK_ISA_AUTOMATIC): the x86-64
/// baseline build of every run-time-dispatched kernel (tests check the baseline on CPUs with AVX2).
void ck_force_baseline(int on);
/// Holds every run-time-dispatched kernel (not the GEMM, which has ck_gemm_use_variant) to at
/// most `isa`: CK_ISA_BASELINE, CK_ISA_AVX2, or CK_ISA_AUTOMATIC for the best this CPU runs.
enum { CK_ISA_AUTOMATIC = 0, CK_ISA_BASELINE = 1, CK_ISA_AVX2 = 2 };
void ck_force_isa(int isa);

#endif

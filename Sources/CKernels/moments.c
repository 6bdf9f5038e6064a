// Per-channel statistics of train-mode BatchNorm, and the per-channel affine map every
// BatchNorm (and the fast path's copies and standalone ReLUs) applies.
#include "CKernels.h"
#include "dispatch.h"
#include "batchnorm_affine.h"

typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));

// Σ x over one plane: eight float lanes, then their sum (a tree, not one long chain).
CK_INLINE float plane_sum(const float *x, int n, float shift, int square) {
    v8 acc = {0};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        v8 d = *(const v8u *)(x + i) - shift;
        acc += square ? d * d : d;
    }
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; i++) { float d = x[i] - shift; s += square ? d * d : d; }
    return s;
}

CK_INLINE void ck_channel_moments_body(const float *row, int planes, int plane, size_t stride, double *mean, double *squares) {
    double sum = 0;
    for (int p = 0; p < planes; p++) sum += plane_sum(row + (size_t)p * stride, plane, 0, 0);
    *mean = sum / ((double)planes * plane);
    const float m = (float)*mean;
    double sq = 0;
    for (int p = 0; p < planes; p++) sq += plane_sum(row + (size_t)p * stride, plane, m, 1);
    *squares = sq;
}

CK_INLINE void ck_scale_shift_body(const float *src, float *dst, size_t count, float scale, float shift, int relu) {
    for (size_t i = 0; i < count; i++) {
        float v = bn_affine(src[i], scale, shift);
        dst[i] = relu && v < 0 ? 0 : v;
    }
}

CK_DISPATCH(ck_channel_moments, (const float *row, int planes, int plane, size_t stride, double *mean, double *squares),
            (row, planes, plane, stride, mean, squares))
CK_DISPATCH(ck_scale_shift, (const float *src, float *dst, size_t count, float scale, float shift, int relu),
            (src, dst, count, scale, shift, relu))

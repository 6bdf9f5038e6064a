// Element-wise and per-channel backward kernels: ReLU, BatchNorm's sums and its input gradient
// (with a ReLU fused after it or not),
// a convolution's bias gradient. Sums run eight float lanes per plane, the planes in double.
#include "CKernels.h"
#include "dispatch.h"
#include "batchnorm_affine.h"

typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));

// By pointer: a 32-byte vector passed by value would change the baseline build's ABI.
CK_INLINE float lanes_total(const v8 *lanes) {
    const v8 acc = *lanes;
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// threshold_backward's test: 0 where y ≤ 0, so a NaN output passes its gradient on, as PyTorch's.
CK_INLINE void ck_relu_backward_body(const float *y, const float *gy, float *dx, size_t count) {
    for (size_t i = 0; i < count; i++) dx[i] = y[i] <= 0 ? 0 : gy[i];
}

// relu: BatchNorm's output went through a ReLU fused into it (ck_scale_shift with relu), so the
// gradient reaching it is gy where v = x·scale + shift > 0 and 0 elsewhere (PyTorch's ReLU rule:
// none at 0), v rounded as the forward rounded it (bn_affine).
typedef int i8 __attribute__((vector_size(32)));

CK_INLINE void masked(const float *xp, const float *gp, int i, float scale, float shift, int relu, v8 *g) {
    *g = *(const v8u *)(gp + i);
    if (!relu) return;
    v8 v;
    bn_v8 x = *(const v8u *)(xp + i);
    bn_affine8(&x, scale, shift, (bn_v8 *)&v);
    *g = (v8)((i8)*g & (v > 0));
}

CK_INLINE float masked_one(float x, float g, float scale, float shift, int relu) {
    return relu && !(bn_affine(x, scale, shift) > 0) ? 0 : g;
}

CK_INLINE void ck_channel_grad_sums_body(const float *x, const float *gy, int planes, int plane, size_t stride, float mean,
                                         float scale, float shift, int relu, double *sumGy, double *sumGyCentred) {
    double total = 0, centred = 0;
    for (int p = 0; p < planes; p++) {
        const float *xp = x + (size_t)p * stride, *gp = gy + (size_t)p * stride;
        v8 s = {0}, sc = {0};
        int i = 0;
        for (; i + 8 <= plane; i += 8) {
            v8 g;
            masked(xp, gp, i, scale, shift, relu, &g);
            v8 d = *(const v8u *)(xp + i) - mean;
            s += g; sc += g * d;
        }
        float s1 = lanes_total(&s), sc1 = lanes_total(&sc);
        for (; i < plane; i++) {
            const float g = masked_one(xp[i], gp[i], scale, shift, relu);
            s1 += g; sc1 += g * (xp[i] - mean);
        }
        total += s1; centred += sc1;
    }
    *sumGy = total; *sumGyCentred = centred;
}

CK_INLINE void ck_batchnorm_backward_apply_body(const float *x, const float *gy, float *dx, int planes, int plane, size_t stride,
                                                float mean, float a, float b, float d, float scale, float shift, int relu) {
    for (int p = 0; p < planes; p++) {
        const float *xp = x + (size_t)p * stride, *gp = gy + (size_t)p * stride;
        float *dp = dx + (size_t)p * stride;
        for (int i = 0; i < plane; i++) dp[i] = a * masked_one(xp[i], gp[i], scale, shift, relu) + b * (xp[i] - mean) + d;
    }
}

CK_INLINE double ck_channel_sum_body(const float *gy, int planes, int plane, size_t stride) {
    double total = 0;
    for (int p = 0; p < planes; p++) {
        const float *gp = gy + (size_t)p * stride;
        v8 s = {0};
        int i = 0;
        for (; i + 8 <= plane; i += 8) s += *(const v8u *)(gp + i);
        float s1 = lanes_total(&s);
        for (; i < plane; i++) s1 += gp[i];
        total += s1;
    }
    return total;
}

CK_DISPATCH(ck_relu_backward, (const float *y, const float *gy, float *dx, size_t count), (y, gy, dx, count))
CK_DISPATCH(ck_channel_grad_sums,
            (const float *x, const float *gy, int planes, int plane, size_t stride, float mean, float scale, float shift, int relu,
             double *sumGy, double *sumGyCentred),
            (x, gy, planes, plane, stride, mean, scale, shift, relu, sumGy, sumGyCentred))
CK_DISPATCH(ck_batchnorm_backward_apply,
            (const float *x, const float *gy, float *dx, int planes, int plane, size_t stride, float mean, float a, float b, float d,
             float scale, float shift, int relu),
            (x, gy, dx, planes, plane, stride, mean, a, b, d, scale, shift, relu))

CK_DISPATCH_RETURNING(double, ck_channel_sum, (const float *gy, int planes, int plane, size_t stride),
                      (gy, planes, plane, stride))

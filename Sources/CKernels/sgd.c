// torch.optim.SGD's update of one parameter in one pass over its values, instead of four BLAS passes:
//   g = −grad if maximize;  d = g + weight_decay·p
//   buf = d (first step) or momentum·buf + (1 − dampening)·d;  d = d + momentum·buf (Nesterov) or buf
//   p = p − lr·d
// The multiply-adds (d = g + wd·p, (1 − dampening)·d + kept, momentum·buf + d, p − lr·d) are written a·b + c, which the AVX2 build
// contracts into one fused multiply-add as PyTorch's and OpenBLAS's kernels do; the baseline
// build, without FMA, rounds twice (as OpenBLAS's SSE kernels do). momentum·buf is rounded
// before d is added, as PyTorch's mul_ then add_.
#include "CKernels.h"
#include "dispatch.h"

CK_INLINE void ck_sgd_update_body(float *p, const float *g, float *buf, size_t count, float lr, float momentum,
                                  float weightDecay, int firstStep, float keep, int nesterov, int maximize) {
    for (size_t i = 0; i < count; i++) {
        const float gi = maximize ? -g[i] : g[i];
        float d = weightDecay != 0 ? weightDecay * p[i] + gi : gi;
        if (buf) {
            if (firstStep) buf[i] = d;
            else { float kept = momentum * buf[i]; buf[i] = keep * d + kept; }
            d = nesterov ? momentum * buf[i] + d : buf[i];
        }
        p[i] = -lr * d + p[i];
    }
}

CK_DISPATCH(ck_sgd_update, (float *p, const float *g, float *buf, size_t count, float lr, float momentum, float weightDecay, int firstStep,
                            float keep, int nesterov, int maximize),
            (p, g, buf, count, lr, momentum, weightDecay, firstStep, keep, nesterov, maximize))

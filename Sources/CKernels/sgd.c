// torch.optim.SGD's update of one parameter in one pass over its values (dampening 0, no
// Nesterov), instead of four BLAS passes:
//   d = grad + weight_decay·p;  buf = d (first step) or momentum·buf + d;  p = p − lr·buf
// The multiply-adds d = g + wd·p and p − lr·d are written a·b + c, which the AVX2 build
// contracts into one fused multiply-add as PyTorch's and OpenBLAS's kernels do; the baseline
// build, without FMA, rounds twice (as OpenBLAS's SSE kernels do). momentum·buf is rounded
// before d is added, as PyTorch's mul_ then add_.
#include "CKernels.h"
#include "dispatch.h"

CK_INLINE void ck_sgd_update_body(float *p, const float *g, float *buf, size_t count, float lr, float momentum,
                                  float weightDecay, int firstStep) {
    for (size_t i = 0; i < count; i++) {
        float d = weightDecay != 0 ? weightDecay * p[i] + g[i] : g[i];
        if (buf) {
            if (firstStep) buf[i] = d;
            else { float kept = momentum * buf[i]; buf[i] = kept + d; }
            d = buf[i];
        }
        p[i] = -lr * d + p[i];
    }
}

CK_DISPATCH(ck_sgd_update, (float *p, const float *g, float *buf, size_t count, float lr, float momentum, float weightDecay, int firstStep),
            (p, g, buf, count, lr, momentum, weightDecay, firstStep))

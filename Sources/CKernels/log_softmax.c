// PyTorch's float softmax and log_softmax over the last dim and nll_loss's reduction, addition for addition
// (ATen's _vec_log_softmax_lastdim as its AVX-512 build runs it, and nll_loss_out_frame), so a
// cross-entropy printed with .item() has PyTorch's last digit. exp is Sleef's expf (u10), which
// ATen's vectors call; log is libm's.
#include <math.h>
#include <stdint.h>
#include "include/CKernels.h"
#include "ceil_log2.h"
#include "dispatch.h"

enum { LANES = 16 };    // the widest Vectorized<float>: AVX-512's

// The width of ATen's Vectorized<float> here: 16 lanes where ATen runs its AVX-512 build (a CPU with
// AVX-512 F, VL, BW and DQ), 8 under AVX2 and elsewhere, so sums of 8..15 exps and the lane tree
// follow the PyTorch installed on the same machine.
static int aten_lanes(void) {
#if defined(__x86_64__)
    static int cached = 0;
    if (cached == 0)
        cached = ck_has_avx512() && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") ? 16 : 8;
    return cached;
#else
    return 8;
#endif
}

// Sleef's xexpf (1.0-ulp), as ATen's Vectorized<float>::exp runs it with FMA: q = rint(d/ln 2),
// s = d − q·ln 2 in two parts, a degree-6 polynomial, then 2^q in two halves.
float ck_sleef_expf(float d) {
    const int q = (int)rintf(d * 1.442695040888963407359924681001892137426645954152985934135449406931f);
    float s = fmaf((float)q, -0.693145751953125f, d);
    s = fmaf((float)q, -1.428606765330187045e-06f, s);
    float u = 0.000198527617612853646278381f;
    u = fmaf(u, s, 0.00139304355252534151077271f);
    u = fmaf(u, s, 0.00833336077630519866943359f);
    u = fmaf(u, s, 0.0416664853692054748535156f);
    u = fmaf(u, s, 0.166666671633720397949219f);
    u = fmaf(u, s, 0.5f);
    u = 1.0f + fmaf(s * s, u, s);
    u = ldexpf(ldexpf(u, q >> 1), q - (q >> 1));
    if (d < -104) u = 0;
    if (d > 100) u = INFINITY;
    return u;
}

// Σ exp(row[j] − max) as map_reduce_all adds it: one sum per lane (aten_lanes()), then a tree
// (XOR strides lanes/2, …, 2, 1); a row shorter than the vector is summed left to right.
static float sum_of_exps(const float *row, int64_t k, float max) {
    const int lanes = aten_lanes();
    if (k < lanes) {
        float s = ck_sleef_expf(row[0] - max);
        for (int64_t j = 1; j < k; ++j) s = s + ck_sleef_expf(row[j] - max);
        return s;
    }
    float acc[LANES];
    for (int l = 0; l < lanes; ++l) acc[l] = ck_sleef_expf(row[l] - max);
    int64_t d = lanes;
    for (; d < k - (k % lanes); d += lanes)
        for (int l = 0; l < lanes; ++l) acc[l] = acc[l] + ck_sleef_expf(row[d + l] - max);
    for (int64_t l = 0; l < k - d; ++l) acc[l] = acc[l] + ck_sleef_expf(row[d + l] - max);
    for (int stride = lanes / 2; stride >= 1; stride /= 2) {
        float next[LANES];
        for (int l = 0; l < lanes; ++l) next[l] = acc[l] + acc[l ^ stride];
        for (int l = 0; l < lanes; ++l) acc[l] = next[l];
    }
    return acc[0];
}

// ATen's _vec_softmax_lastdim: out = exp(x − max), their sum added as sum_of_exps adds it,
// then out · (1 / sum) (a product with the reciprocal, not a division).
void ck_softmax_rows(const float *x, int64_t rows, int64_t k, float *out) {
    for (int64_t r = 0; r < rows; ++r) {
        const float *row = x + r * k;
        float *o = out + r * k;
        float max = row[0];
        for (int64_t j = 1; j < k; ++j) if (row[j] > max || isnan(row[j])) max = row[j];
        for (int64_t j = 0; j < k; ++j) o[j] = ck_sleef_expf(row[j] - max);
        const float inverse = 1 / sum_of_exps(row, k, max);
        for (int64_t j = 0; j < k; ++j) o[j] = o[j] * inverse;
    }
}

void ck_log_softmax_rows(const float *x, int64_t rows, int64_t k, float *out) {
    for (int64_t r = 0; r < rows; ++r) {
        const float *row = x + r * k;
        float max = row[0];
        for (int64_t j = 1; j < k; ++j) if (row[j] > max || isnan(row[j])) max = row[j];
        const float logSum = logf(sum_of_exps(row, k, max));
        for (int64_t j = 0; j < k; ++j) out[r * k + j] = row[j] - max - logSum;
    }
}


float ck_nll_cascade(const float *picked, int64_t count) {
    enum { LEVELS = 8 };
    const int64_t power = ck_ceil_log2(count) / LEVELS > 4 ? ck_ceil_log2(count) / LEVELS : 4;
    const int64_t mask = ((int64_t)1 << power) - 1;
    float partial[LEVELS] = {0};
    for (int64_t b = 0; b < count; ++b) {
        partial[0] -= picked[b];
        for (int j = 0; j + 1 < LEVELS; ++j) {
            if ((b & (mask << (j * power))) != 0) break;
            partial[j + 1] += partial[j];
            partial[j] = 0;
        }
    }
    float total = 0;
    for (int j = 0; j < LEVELS; ++j) total += partial[j];
    return total;
}

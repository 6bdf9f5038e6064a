// PyTorch's CPU float sum, addition for addition (ATen's SumKernel.cpp, `cascade_sum`, as its
// AVX2 and AVX-512 builds run it: both give the same bits, 8-lane vectors), so a loss, a mean or a
// bias gradient comes out with PyTorch's last bit. Vectors are emulated lane by lane: every
// addition is one IEEE float addition, in the order ATen performs it.
//
// The shape of the algorithm: a "row" of `size` items (scalars or 8-float vectors) is summed as a
// (size/4, 4) array, four running partials; each partial keeps 4 levels of accumulators, the first
// taking 2^p items (p = max(4, ceil(log2 rows)/4)) before it is folded into the next level.
#include <stdint.h>
#include <string.h>
#include "include/CKernels.h"

enum { LANES = 8, ILP = 4, LEVELS = 4 };

typedef struct { float v[LANES]; } vec8;

// ATen's utils::CeilLog2: 1 for x ≤ 2, else ⌈log2 x⌉.
static int64_t ceil_log2(int64_t x) {
    if (x <= 2) return 1;
    return 64 - __builtin_clzll((uint64_t)(x - 1));
}

// multi_row_sum on scalars: `nrows` = 4 columns k (colStride apart) of `size` rows (rowStride apart).
static void multi_row_sum_scalar(const float *in, int64_t rowStride, int64_t colStride, int64_t size, float out[ILP]) {
    const int64_t power = ceil_log2(size) / LEVELS > 4 ? ceil_log2(size) / LEVELS : 4;
    const int64_t step = (int64_t)1 << power, mask = step - 1;
    float acc[LEVELS][ILP];
    memset(acc, 0, sizeof acc);
    int64_t i = 0;
    while (i + step <= size) {
        for (int64_t j = 0; j < step; ++j, ++i)
            for (int k = 0; k < ILP; ++k) acc[0][k] += in[i * rowStride + k * colStride];
        for (int j = 1; j < LEVELS; ++j) {
            for (int k = 0; k < ILP; ++k) { acc[j][k] += acc[j - 1][k]; acc[j - 1][k] = 0; }
            if ((i & (mask << (j * power))) != 0) break;
        }
    }
    for (; i < size; ++i)
        for (int k = 0; k < ILP; ++k) acc[0][k] += in[i * rowStride + k * colStride];
    for (int j = 1; j < LEVELS; ++j)
        for (int k = 0; k < ILP; ++k) acc[0][k] += acc[j][k];
    for (int k = 0; k < ILP; ++k) out[k] = acc[0][k];
}

// multi_row_sum on 8-float vectors: item (i, k) is the 8 floats at in + i·rowStride + k·colStride.
static void multi_row_sum_vec(const float *in, int64_t rowStride, int64_t colStride, int64_t size, vec8 out[ILP]) {
    const int64_t power = ceil_log2(size) / LEVELS > 4 ? ceil_log2(size) / LEVELS : 4;
    const int64_t step = (int64_t)1 << power, mask = step - 1;
    vec8 acc[LEVELS][ILP];
    memset(acc, 0, sizeof acc);
    int64_t i = 0;
    while (i + step <= size) {
        for (int64_t j = 0; j < step; ++j, ++i)
            for (int k = 0; k < ILP; ++k) {
                const float *p = in + i * rowStride + k * colStride;
                for (int l = 0; l < LANES; ++l) acc[0][k].v[l] += p[l];
            }
        for (int j = 1; j < LEVELS; ++j) {
            for (int k = 0; k < ILP; ++k)
                for (int l = 0; l < LANES; ++l) { acc[j][k].v[l] += acc[j - 1][k].v[l]; acc[j - 1][k].v[l] = 0; }
            if ((i & (mask << (j * power))) != 0) break;
        }
    }
    for (; i < size; ++i)
        for (int k = 0; k < ILP; ++k) {
            const float *p = in + i * rowStride + k * colStride;
            for (int l = 0; l < LANES; ++l) acc[0][k].v[l] += p[l];
        }
    for (int j = 1; j < LEVELS; ++j)
        for (int k = 0; k < ILP; ++k)
            for (int l = 0; l < LANES; ++l) acc[0][k].v[l] += acc[j][k].v[l];
    for (int k = 0; k < ILP; ++k) out[k] = acc[0][k];
}

// row_sum on scalars: `size` values `stride` apart, as a (size/4, 4) array plus the leftovers.
static float row_sum_scalar(const float *in, int64_t stride, int64_t size) {
    const int64_t rows = size / ILP;
    float p[ILP];
    multi_row_sum_scalar(in, stride * ILP, stride, rows, p);
    for (int64_t i = rows * ILP; i < size; ++i) p[0] += in[i * stride];
    for (int k = 1; k < ILP; ++k) p[0] += p[k];
    return p[0];
}

// row_sum on vectors: `size` vectors `stride` floats apart.
static vec8 row_sum_vec(const float *in, int64_t stride, int64_t size) {
    const int64_t rows = size / ILP;
    vec8 p[ILP];
    multi_row_sum_vec(in, stride * ILP, stride, rows, p);
    for (int64_t i = rows * ILP; i < size; ++i)
        for (int l = 0; l < LANES; ++l) p[0].v[l] += in[i * stride + l];
    for (int k = 1; k < ILP; ++k)
        for (int l = 0; l < LANES; ++l) p[0].v[l] += p[k].v[l];
    return p[0];
}

void ck_cascade_sum_2d(const float *in, int64_t size0, int64_t stride0, int64_t size1, int64_t stride1,
                       float *out, int64_t outStride) {
    if (stride0 == 1 && size0 >= LANES) {
        // contiguous inner reduction: each row as vectors, then its tail and the 8 lanes in order
        const int64_t vectors = size0 / LANES;
        for (int64_t j = 0; j < size1; ++j) {
            const float *row = in + j * stride1;
            const vec8 acc = row_sum_vec(row, LANES, vectors);
            float total = 0;
            for (int64_t k = vectors * LANES; k < size0; ++k) total += row[k];
            for (int l = 0; l < LANES; ++l) total += acc.v[l];
            out[j * outStride] += total;
        }
    } else if (stride1 == 1 && size1 >= LANES) {
        // contiguous outer reduction: 32 columns at a time down the rows, then 8, then one by one
        int64_t j = 0;
        for (; j + ILP * LANES <= size1; j += ILP * LANES) {
            vec8 sums[ILP];
            multi_row_sum_vec(in + j, stride0, LANES, size0, sums);
            for (int k = 0; k < ILP; ++k)
                for (int l = 0; l < LANES; ++l) out[(j + k * LANES + l) * outStride] += sums[k].v[l];
        }
        for (; j + LANES <= size1; j += LANES) {
            const vec8 sums = row_sum_vec(in + j, stride0, size0);
            for (int l = 0; l < LANES; ++l) out[(j + l) * outStride] += sums.v[l];
        }
        for (; j < size1; ++j) out[j * outStride] += row_sum_scalar(in + j, stride0, size0);
    } else if (stride0 < stride1) {
        for (int64_t j = 0; j < size1; ++j) out[j * outStride] += row_sum_scalar(in + j * stride1, stride0, size0);
    } else {
        int64_t j = 0;
        for (; j + (ILP - 1) < size1; j += ILP) {
            float sums[ILP];
            multi_row_sum_scalar(in + j * stride1, stride0, stride1, size0, sums);
            for (int k = 0; k < ILP; ++k) out[(j + k) * outStride] += sums[k];
        }
        for (; j < size1; ++j) out[j * outStride] += row_sum_scalar(in + j * stride1, stride0, size0);
    }
}

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
#include "ceil_log2.h"

enum { LANES = 8, ILP = 4, LEVELS = 4 };


// multi_row_sum: ILP = 4 columns k (colStride apart) of `size` rows (rowStride apart), each item
// `lanes` consecutive floats (1: a scalar, 8: a vector); out: ILP × lanes sums.
static void multi_row_sum(const float *in, int64_t rowStride, int64_t colStride, int64_t size, int lanes, float *out) {
    const int64_t power = ck_ceil_log2(size) / LEVELS > 4 ? ck_ceil_log2(size) / LEVELS : 4;
    const int64_t step = (int64_t)1 << power, mask = step - 1;
    float acc[LEVELS][ILP][LANES];
    memset(acc, 0, sizeof acc);
    int64_t i = 0;
    while (i + step <= size) {
        for (int64_t j = 0; j < step; ++j, ++i)
            for (int k = 0; k < ILP; ++k)
                for (int l = 0; l < lanes; ++l) acc[0][k][l] += in[i * rowStride + k * colStride + l];
        for (int j = 1; j < LEVELS; ++j) {
            for (int k = 0; k < ILP; ++k)
                for (int l = 0; l < lanes; ++l) { acc[j][k][l] += acc[j - 1][k][l]; acc[j - 1][k][l] = 0; }
            if ((i & (mask << (j * power))) != 0) break;
        }
    }
    for (; i < size; ++i)
        for (int k = 0; k < ILP; ++k)
            for (int l = 0; l < lanes; ++l) acc[0][k][l] += in[i * rowStride + k * colStride + l];
    for (int j = 1; j < LEVELS; ++j)
        for (int k = 0; k < ILP; ++k)
            for (int l = 0; l < lanes; ++l) acc[0][k][l] += acc[j][k][l];
    for (int k = 0; k < ILP; ++k)
        for (int l = 0; l < lanes; ++l) out[k * lanes + l] = acc[0][k][l];
}

// row_sum: `size` items `stride` floats apart (each `lanes` floats), as a (size/4, 4) array plus
// the leftovers; out: `lanes` sums.
static void row_sum(const float *in, int64_t stride, int64_t size, int lanes, float *out) {
    const int64_t rows = size / ILP;
    float p[ILP * LANES];
    multi_row_sum(in, stride * ILP, stride, rows, lanes, p);
    for (int64_t i = rows * ILP; i < size; ++i)
        for (int l = 0; l < lanes; ++l) p[l] += in[i * stride + l];
    for (int k = 1; k < ILP; ++k)
        for (int l = 0; l < lanes; ++l) p[l] += p[k * lanes + l];
    for (int l = 0; l < lanes; ++l) out[l] = p[l];
}

static float row_sum_scalar(const float *in, int64_t stride, int64_t size) {
    float s;
    row_sum(in, stride, size, 1, &s);
    return s;
}

void ck_cascade_sum_2d(const float *in, int64_t size0, int64_t stride0, int64_t size1, int64_t stride1,
                       float *out, int64_t outStride) {
    if (stride0 == 1 && size0 >= LANES) {
        // contiguous inner reduction: each row as vectors, then its tail and the 8 lanes in order
        const int64_t vectors = size0 / LANES;
        for (int64_t j = 0; j < size1; ++j) {
            const float *row = in + j * stride1;
            float acc[LANES];
            row_sum(row, LANES, vectors, LANES, acc);
            float total = 0;
            for (int64_t k = vectors * LANES; k < size0; ++k) total += row[k];
            for (int l = 0; l < LANES; ++l) total += acc[l];
            out[j * outStride] += total;
        }
    } else if (stride1 == 1 && size1 >= LANES) {
        // contiguous outer reduction: 32 columns at a time down the rows, then 8, then one by one
        int64_t j = 0;
        for (; j + ILP * LANES <= size1; j += ILP * LANES) {
            float sums[ILP * LANES];
            multi_row_sum(in + j, stride0, LANES, size0, LANES, sums);
            for (int m = 0; m < ILP * LANES; ++m) out[(j + m) * outStride] += sums[m];
        }
        for (; j + LANES <= size1; j += LANES) {
            float sums[LANES];
            row_sum(in + j, stride0, size0, LANES, sums);
            for (int l = 0; l < LANES; ++l) out[(j + l) * outStride] += sums[l];
        }
        for (; j < size1; ++j) out[j * outStride] += row_sum_scalar(in + j, stride0, size0);
    } else if (stride0 < stride1) {
        for (int64_t j = 0; j < size1; ++j) out[j * outStride] += row_sum_scalar(in + j * stride1, stride0, size0);
    } else {
        int64_t j = 0;
        for (; j + (ILP - 1) < size1; j += ILP) {
            float sums[ILP];
            multi_row_sum(in + j * stride1, stride0, stride1, size0, 1, sums);
            for (int k = 0; k < ILP; ++k) out[(j + k) * outStride] += sums[k];
        }
        for (; j < size1; ++j) out[j * outStride] += row_sum_scalar(in + j * stride1, stride0, size0);
    }
}

// A small SGEMM for the fast path: C[rows, cols] = A · B (+ bias, ReLU) with A, the layer's
// weights, packed once when the plan is compiled. One micro-kernel computes a 6 × 16 block of C
// in twelve 8-wide accumulators (6 broadcasts of A and 2 loads of B per k); B is copied 16
// columns at a time into a contiguous K × 16 panel that all the row panels then reuse. The
// epilogue adds the bias and applies ReLU while the block is still in registers, and C is
// written once: no zeroing pass, no separate bias pass.
//
// GCC/clang vector extensions keep it portable: 8-wide AVX2 FMAs where the CPU has them
// (see dispatch.h), pairs of SSE registers elsewhere.
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"

#define MR 6
#define NR 16
typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));

size_t ck_gemm_packed_size(int rows, int depth) {
    return (size_t)((rows + MR - 1) / MR) * MR * (size_t)depth;
}

size_t ck_gemm_panel_size(void) { return 256 * NR; }

// a: (rows, depth), rows `lda` apart → packed: panels of MR rows, each (depth, MR), zero-padded
void ck_gemm_pack(const float *a, int rows, int depth, size_t lda, float *packed) {
    for (int p = 0; p * MR < rows; p++)
        for (int k = 0; k < depth; k++)
            for (int r = 0; r < MR; r++) {
                int row = p * MR + r;
                packed[((size_t)p * depth + k) * MR + r] = row < rows ? a[(size_t)row * lda + k] : 0;
            }
}

// c[0..rows)[0..cols) = the 6 × 16 block in registers (+ c if accumulate), then bias and ReLU
CK_INLINE void store_block(v8 acc[MR][2], float *c, size_t ldc, int rows, int cols, int accumulate,
                           const float *bias, int relu) {
    for (int r = 0; r < rows; r++) {
        v8 lo = acc[r][0], hi = acc[r][1];
        float *row = c + (size_t)r * ldc;
        float lanes[NR];
        if (accumulate) {
            if (cols == NR) { lo += *(const v8u *)row; hi += *(const v8u *)(row + 8); }
            else {
                memcpy(lanes, row, (size_t)cols * sizeof(float));
                for (int i = 0; i < 8; i++) { lo[i] += i < cols ? lanes[i] : 0; hi[i] += i + 8 < cols ? lanes[i + 8] : 0; }
            }
        }
        if (bias) { lo += bias[r]; hi += bias[r]; }
        if (relu) {
            const v8 zero = {0};
            lo = __builtin_elementwise_max(lo, zero);
            hi = __builtin_elementwise_max(hi, zero);
        }
        if (cols == NR) {
            *(v8u *)row = lo;
            *(v8u *)(row + 8) = hi;
        } else {
            memcpy(lanes, &lo, sizeof lo);
            memcpy(lanes + 8, &hi, sizeof hi);
            memcpy(row, lanes, (size_t)cols * sizeof(float));
        }
    }
}

// (6 × depth) · (depth × 16) → acc
CK_INLINE void micro_kernel(int depth, const float *restrict a, const float *restrict b, v8 acc[MR][2]) {
    v8 c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0};
    v8 c30 = {0}, c31 = {0}, c40 = {0}, c41 = {0}, c50 = {0}, c51 = {0};
    for (int k = 0; k < depth; k++, a += MR, b += NR) {
        const v8 b0 = *(const v8u *)b, b1 = *(const v8u *)(b + 8);
        float x;
        x = a[0]; c00 += x * b0; c01 += x * b1;
        x = a[1]; c10 += x * b0; c11 += x * b1;
        x = a[2]; c20 += x * b0; c21 += x * b1;
        x = a[3]; c30 += x * b0; c31 += x * b1;
        x = a[4]; c40 += x * b0; c41 += x * b1;
        x = a[5]; c50 += x * b0; c51 += x * b1;
    }
    acc[0][0] = c00; acc[0][1] = c01; acc[1][0] = c10; acc[1][1] = c11; acc[2][0] = c20; acc[2][1] = c21;
    acc[3][0] = c30; acc[3][1] = c31; acc[4][0] = c40; acc[4][1] = c41; acc[5][0] = c50; acc[5][1] = c51;
}

// Depth is worked through in blocks of KC so a B panel (KC × 16, 16 KB) stays in L1 and the
// A panels of one block (rows × KC) in L2; blocks after the first add to C.
#define KC 256

CK_INLINE void ck_gemm_body(int r0, int r1, int cols, int depth, const float *packed,
                            const float *b, size_t ldb, float *c, size_t ldc,
                            const float *bias, int relu, float *panel) {
    for (int k0 = 0; k0 < depth; k0 += KC) {
        const int kc = depth - k0 < KC ? depth - k0 : KC, last = k0 + kc == depth;
        for (int j = 0; j < cols; j += NR) {
            const int width = cols - j < NR ? cols - j : NR;
            // panel: (kc, 16), B's rows k0 … k0 + kc, columns j … j + width, zeros after
            for (int k = 0; k < kc; k++) {
                const float *src = b + (size_t)(k0 + k) * ldb + j;
                float *dst = panel + (size_t)k * NR;
                if (width == NR) memcpy(dst, src, NR * sizeof(float));
                else { memcpy(dst, src, (size_t)width * sizeof(float)); memset(dst + width, 0, (size_t)(NR - width) * sizeof(float)); }
            }
            for (int p = r0 / MR; p * MR < r1; p++) {
                v8 acc[MR][2];
                micro_kernel(kc, packed + ((size_t)p * depth + k0) * MR, panel, acc);
                const int first = p * MR, rows = (r1 - first < MR ? r1 - first : MR);
                store_block(acc, c + (size_t)first * ldc + j, ldc, rows, width, k0 > 0,
                            last && bias ? bias + first : 0, last && relu);
            }
        }
    }
}

CK_DISPATCH(ck_gemm,
            (int r0, int r1, int cols, int depth, const float *packed, const float *b, size_t ldb,
             float *c, size_t ldc, const float *bias, int relu, float *panel),
            (r0, r1, cols, depth, packed, b, ldb, c, ldc, bias, relu, panel))

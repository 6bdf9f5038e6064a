// A small SGEMM for the fast path: C[rows, cols] = A · B (+ bias, ReLU) with A, the layer's
// weights, packed once when the plan is compiled. One micro-kernel computes a 6 × NR block of C
// in twelve vector accumulators (6 broadcasts of A and 2 loads of B per k); B is copied NR
// columns at a time into a contiguous K × NR panel that all the row panels then reuse. The
// epilogue adds the bias and applies ReLU while the block is still in registers, and C is
// written once: no zeroing pass, no separate bias pass.
//
// GCC/clang vector extensions keep it portable; gemm_kernel.h is the kernel for one vector
// width, included twice: 8 lanes (NR = 16) run as AVX2 FMAs, or as pairs of SSE registers on
// older CPUs; 16 lanes (NR = 32) as AVX-512 FMAs. The widest the CPU has is chosen at run time.
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"
#include "transpose8.h"

#define MR CK_GEMM_PANEL_ROWS
#define KC 256

typedef float t8u __attribute__((vector_size(32), aligned(4)));      // 8 floats at any address

size_t ck_gemm_packed_size(int rows, int depth) {
    return (size_t)((rows + MR - 1) / MR) * MR * (size_t)depth;
}

size_t ck_gemm_panel_size(void) { return KC * 32; }     // the widest panel, NR = 32

// a: (rows, depth), rows `lda` apart → packed: panels of MR rows, each (depth, MR), zero-padded.
// The panel's MR rows are read 8 columns at a time as 8-lane vectors (rows past the last live one
// are zeros), transposed in registers (ck_transpose8, two rows of zeros making it 8 × 8), and the
// 8 columns of MR written out in order: each store of 8 floats runs 2 into the next column's
// place, which the next store overwrites; the last column stores its MR floats alone. The depth
// left over (depth mod 8) goes a float at a time. `ck_gemm_pack_naive` is its reference twin.
CK_INLINE void pack_a_8(const float *a, int rows, int depth, size_t lda, float *packed) {
    for (int p = 0; p * MR < rows; p++) {
        float *dst = packed + (size_t)p * depth * MR;
        const int live = rows - p * MR < MR ? rows - p * MR : MR;
        const float *src[MR];
        for (int r = 0; r < MR; r++) src[r] = a + (size_t)(p * MR + (r < live ? r : 0)) * lda;
        int k = 0;
        for (; k + 8 <= depth; k += 8) {
            ck_v8 v[8] = {0};
            for (int r = 0; r < live; r++) v[r] = *(const t8u *)(src[r] + k);
            ck_transpose8(v);                                 // v[j] = column k + j's MR rows, then 2 zeros
            float *out = dst + (size_t)k * MR;
            for (int j = 0; j < 7; j++) *(t8u *)(out + j * MR) = v[j];
            for (int r = 0; r < MR; r++) out[7 * MR + r] = v[7][r];
        }
        for (; k < depth; k++)
            for (int r = 0; r < MR; r++) dst[(size_t)k * MR + r] = r < live ? src[r][k] : 0;
    }
}
#define pack_a_16 pack_a_8

// The packed layout element by element: packed[p][k][r] = a[p·MR + r][k], 0 past the last row.
void ck_gemm_pack_naive(const float *a, int rows, int depth, size_t lda, float *packed) {
    for (int p = 0; p * MR < rows; p++)
        for (int k = 0; k < depth; k++)
            for (int r = 0; r < MR; r++)
                packed[((size_t)p * depth + k) * MR + r] = p * MR + r < rows ? a[(size_t)(p * MR + r) * lda + k] : 0;
}

// at: (depth, rows), rows of A are its columns, `ldat` apart → the same packed layout
void ck_gemm_pack_transposed(const float *at, int rows, int depth, size_t ldat, float *packed) {
    for (int p = 0; p * MR < rows; p++)
        for (int k = 0; k < depth; k++) {
            const float *src = at + (size_t)k * ldat + (size_t)p * MR;
            float *dst = packed + ((size_t)p * depth + k) * MR;
            const int live = rows - p * MR < MR ? rows - p * MR : MR;
            for (int r = 0; r < MR; r++) dst[r] = r < live ? src[r] : 0;
        }
}

// dst[i][j] = src[j][i] for an 8 × 8 block: src's rows wherever `rows` says, dst rows `ldd`
// apart (ck_transpose8 in registers).
CK_INLINE void transpose8x8_rows(const float *const rows[8], float *dst, size_t ldd) {
    ck_v8 r[8];
    for (int i = 0; i < 8; i++) r[i] = *(const t8u *)rows[i];
    ck_transpose8(r);
    for (int i = 0; i < 8; i++) *(t8u *)(dst + (size_t)i * ldd) = r[i];
}

// The same with src's rows `lds` apart.
CK_INLINE void transpose8x8(const float *src, size_t lds, float *dst, size_t ldd) {
    const float *rows[8];
    for (int i = 0; i < 8; i++) rows[i] = src + (size_t)i * lds;
    transpose8x8_rows(rows, dst, ldd);
}

#define VW 8
#define VEC vec8
#define VECU vec8u
#define NAME(x) x##_8
#include "gemm_kernel.h"
#undef VW
#undef VEC
#undef VECU
#undef NAME

#define VW 16
#define VEC vec16
#define VECU vec16u
#define NAME(x) x##_16
#include "gemm_kernel.h"
#undef VW
#undef VEC
#undef VECU
#undef NAME

#define GEMM_PARAMS (int r0, int r1, int cols, int depth, const float *packed, const float *b, size_t ldb, \
                     float *c, size_t ldc, const float *bias, int relu, float *panel)
#define GEMM_ARGS (r0, r1, cols, depth, packed, b, ldb, c, ldc, bias, relu, panel)
#define PACK_B_PARAMS (const float *b, size_t ldb, int depth, int cols, int q0, int q1, float *packed_b)
#define PACK_B_ARGS (b, ldb, depth, cols, q0, q1, packed_b)
#define PREPACKED_PARAMS (int r0, int r1, int cols, int depth, const float *packed, const float *packed_b, \
                          float *c, size_t ldc, const float *bias, int relu)
#define PREPACKED_ARGS (r0, r1, cols, depth, packed, packed_b, c, ldc, bias, relu)

// Every entry point once per build: baseline (SSE pairs), AVX2, the 16-lane kernel built for
// AVX2 (the AVX-512 code path's logic, testable on any AVX2 CPU), AVX-512.
#if defined(__x86_64__)
#define BUILDS(name, params, args) \
    static void name##_baseline params { name##_8 args; } \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params { name##_8 args; } \
    __attribute__((target("avx2,fma"))) static void name##_wide_on_avx2 params { name##_16 args; } \
    __attribute__((target("avx512f"))) static void name##_avx512 params { name##_16 args; }
#else
#define BUILDS(name, params, args) static void name##_baseline params { name##_8 args; }
#endif
BUILDS(gemm_body, GEMM_PARAMS, GEMM_ARGS)
BUILDS(gemm_body_paired, GEMM_PARAMS, GEMM_ARGS)
#define GEMM_BT_PARAMS (int r0, int r1, int cols, int depth, const float *packed, const float *bt, size_t ldbt, \
                        float *c, size_t ldc, const float *bias, int relu, float *panel)
#define GEMM_BT_ARGS (r0, r1, cols, depth, packed, bt, ldbt, c, ldc, bias, relu, panel)
BUILDS(gemm_body_bt, GEMM_BT_PARAMS, GEMM_BT_ARGS)
#define GEMM_BT_ADD_PARAMS (int r0, int r1, int cols, int depth, const float *packed, const float *bt, size_t ldbt, \
                            float *c, size_t ldc, float *panel)
#define GEMM_BT_ADD_ARGS (r0, r1, cols, depth, packed, bt, ldbt, c, ldc, panel)
BUILDS(gemm_body_bt_add, GEMM_BT_ADD_PARAMS, GEMM_BT_ADD_ARGS)
#define GATHERED_PARAMS (int r0, int r1, int cols, int depth, const float *packed, const float *rows, const int *offsets, \
                         float *c, size_t ldc, const float *bias, int relu)
#define GATHERED_ARGS (r0, r1, cols, depth, packed, rows, offsets, c, ldc, bias, relu)
BUILDS(gemm_body_gathered, GATHERED_PARAMS, GATHERED_ARGS)
BUILDS(pack_b, PACK_B_PARAMS, PACK_B_ARGS)
#define PACK_A_PARAMS (const float *a, int rows, int depth, size_t lda, float *packed)
#define PACK_A_ARGS (a, rows, depth, lda, packed)
BUILDS(pack_a, PACK_A_PARAMS, PACK_A_ARGS)
#define BT_GATHERED_PARAMS (int r0, int r1, int cols, int outHeight, int outWidth, const float *packed, const float *rows, \
                            const int *offsets, size_t rowStep, float *c, size_t ldc, int accumulate, float *panel)
#define BT_GATHERED_ARGS (r0, r1, cols, outHeight, outWidth, packed, rows, offsets, rowStep, c, ldc, accumulate, panel)
BUILDS(gemm_body_bt_gathered, BT_GATHERED_PARAMS, BT_GATHERED_ARGS)
BUILDS(gemm_body_prepacked, PREPACKED_PARAMS, PREPACKED_ARGS)
#define GATHERED_ROWS_PARAMS (int r0, int r1, int outRows, int outWidth, int depth, const float *packed, const float *rows, \
                              const int *offsets, size_t rowStep, float *c, size_t ldc, const float *bias, int relu)
#define GATHERED_ROWS_ARGS (r0, r1, outRows, outWidth, depth, packed, rows, offsets, rowStep, c, ldc, bias, relu)
BUILDS(gemm_body_gathered_rows, GATHERED_ROWS_PARAMS, GATHERED_ROWS_ARGS)

int ck_gemm_variant_available(int variant) {
    switch (variant) {
    case CK_GEMM_BASELINE: return 1;
#if defined(__x86_64__)
    case CK_GEMM_AVX2: case CK_GEMM_WIDE_ON_AVX2: return ck_has_avx2();
    case CK_GEMM_AVX512: return ck_has_avx512();
#endif
    default: return 0;
    }
}

static int forced_variant = CK_GEMM_AUTOMATIC;
void ck_gemm_use_variant(int variant) { forced_variant = variant; }

static int chosen_variant(void) {
    if (forced_variant != CK_GEMM_AUTOMATIC && ck_gemm_variant_available(forced_variant)) return forced_variant;
    if (ck_gemm_variant_available(CK_GEMM_AVX512)) return CK_GEMM_AVX512;
    if (ck_gemm_variant_available(CK_GEMM_AVX2)) return CK_GEMM_AVX2;
    return CK_GEMM_BASELINE;
}

const char *ck_gemm_variant_name(void) {
    switch (chosen_variant()) {
    case CK_GEMM_AVX512: return "avx512f, 6×32 blocks";
    case CK_GEMM_AVX2: return "avx2+fma, 6×16 blocks";
    case CK_GEMM_WIDE_ON_AVX2: return "6×32 blocks on avx2+fma";
    default: return "baseline, 6×16 blocks";
    }
}

// Calls the chosen build of `name`.
#if defined(__x86_64__)
#define DISPATCH(name, args) switch (chosen_variant()) { \
    case CK_GEMM_AVX512: name##_avx512 args; return; \
    case CK_GEMM_AVX2: name##_avx2 args; return; \
    case CK_GEMM_WIDE_ON_AVX2: name##_wide_on_avx2 args; return; \
    default: name##_baseline args; return; }
#else
#define DISPATCH(name, args) name##_baseline args;
#endif

void ck_gemm GEMM_PARAMS { DISPATCH(gemm_body, GEMM_ARGS) }
void ck_gemm_paired GEMM_PARAMS { DISPATCH(gemm_body_paired, GEMM_ARGS) }
void ck_gemm_bt GEMM_BT_PARAMS { DISPATCH(gemm_body_bt, GEMM_BT_ARGS) }
void ck_gemm_bt_add GEMM_BT_ADD_PARAMS { DISPATCH(gemm_body_bt_add, GEMM_BT_ADD_ARGS) }
void ck_gemm_gathered GATHERED_PARAMS { DISPATCH(gemm_body_gathered, GATHERED_ARGS) }
void ck_gemm_pack_b PACK_B_PARAMS { DISPATCH(pack_b, PACK_B_ARGS) }
void ck_gemm_pack PACK_A_PARAMS { DISPATCH(pack_a, PACK_A_ARGS) }
void ck_gemm_bt_gathered BT_GATHERED_PARAMS { DISPATCH(gemm_body_bt_gathered, BT_GATHERED_ARGS) }
void ck_gemm_prepacked PREPACKED_PARAMS { DISPATCH(gemm_body_prepacked, PREPACKED_ARGS) }
void ck_gemm_gathered_rows GATHERED_ROWS_PARAMS { DISPATCH(gemm_body_gathered_rows, GATHERED_ROWS_ARGS) }

int ck_gemm_panel_width(void) {
    int v = chosen_variant();
    return v == CK_GEMM_AVX512 || v == CK_GEMM_WIDE_ON_AVX2 ? 32 : 16;
}

// Sized for the widest panel (32), so a buffer sized once serves whichever build is chosen.
size_t ck_gemm_packed_b_size(int depth, int cols) {
    return (size_t)((cols + 31) / 32) * 32 * (size_t)depth;
}

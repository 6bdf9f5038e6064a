// Hand-vectorisable C kernels for the fast path (InceptionRuntime/Fast): the GEMM, Winograd
// transforms, im2col, max pooling, batch statistics and the thread pool. Each exists because the
// Swift version was too slow (or, for the GEMM, because OpenBLAS cannot keep the weights packed
// or apply bias and ReLU in its epilogue); clang turns their element loops into AVX2 or AVX-512
// code, chosen at run time (plain SSE2 on older CPUs).
//
// Layouts are the fast path's CNHW: a channel's rows are `ld` floats apart and hold the batch's
// H×W planes one after another.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include <stdint.h>
#include "ck_stack.h"
#include "ck_backward.h"

/// The Winograd tile geometry F(m×m, r×r): output tiles m×m, input tiles α×α, α = m + r − 1,
/// for an r×r convolution with stride 1 and padding (r − 1)/2 ("same").
/// Tiles are numbered t = (n·tilesHigh + ty)·tilesWide + tx over the batch.
typedef struct {
    int m;                  // F(2×2, 3×3), F(4×4, 3×3), F(2×2, 5×5), F(4×4, 5×5)
    int r;                  // 3 or 5
    int batch, height, width;
    int tilesHigh, tilesWide;
} ck_winograd_geometry;

ck_winograd_geometry ck_winograd_geometry_make(int m, int r, int batch, int height, int width);

/// Where the H×W plane of channel c, image n lies in a 4-D activation: c·channel + n·image floats
/// from its start. Channel-major (C, N, H, W): {N·H·W, H·W}; PyTorch's NCHW: {H·W, C·H·W}.
typedef struct {
    size_t channel, image;
} ck_planes;

/// Floats of scratch `ck_winograd_input` needs per call: one zero-padded plane per image.
size_t ck_winograd_input_scratch(ck_winograd_geometry g);

/// Floats from one ξ's (rows, ld) block of V, M or Ŷ to the next: rows·ld and a cache line more,
/// so that the α² blocks' cells of one tile fall in different L1 sets. (At rows·ld a multiple of
/// 1024 floats the α² streams a transform writes or reads all met in one set of the 12-way L1
/// and evicted one another: conv2b's input gradient's input transform, C = 192, ran 1.7× slower.)
size_t ck_winograd_block(int rows, size_t ld);

/// Input transform V = Bᵀ d B of every α×α tile of channels [c0, c1), tiles [t0, t1).
// src: C × N planes of H×W, laid out as `planes` says
//   → V: α² blocks (C, ldV), V[ξ·ck_winograd_block(C, ldV) + c·ldV + (t − t0)]
void ck_winograd_input(ck_winograd_geometry g, const float *src, ck_planes planes,
                       int channels, int c0, int c1, int t0, int t1,
                       float *V, size_t ldV, float *scratch);

/// Output transform y = Aᵀ M A of tiles [t0, t1) for output channels [k0, k1), plus bias and
/// (if relu) max(·, 0), written to the tiles' places in dst (tiles cut at the border).
// M: α² blocks (K, ldM), M[ξ·ck_winograd_block(K, ldM) + k·ldM + (t − t0)] → dst: K × N planes of H×W, laid out as `planes` says
void ck_winograd_output(ck_winograd_geometry g, const float *M, size_t ldM,
                        int outChannels, int k0, int k1, int t0, int t1,
                        const float *bias, int relu, float *dst, ck_planes planes);

/// F(m×m, r×r)'s filter transform U[ξ] = G g Gᵀ of a (K, C, r, r) weight, (m, r) = (2, 3), (4, 3)
/// or (2, 5), α = m + r − 1, rows [r0, r1) of U: flip = 0 gives the forward's U (α², K, C);
/// flip = 1 the input gradient's (α², C, K), each filter turned by 180° (the gradient of a "same"
/// convolution is one with those filters).
// w: (K, C, r, r) → U: (α², K, C) or, flipped, (α², C, K)
void ck_winograd_filters(int m, int r, const float *w, int outChannels, int inChannels, int r0, int r1, int flip, float *U);
/// The same U, each U[ξ] written as ck_gemm_pack would pack it (at packed + ξ·ck_gemm_packed_size
/// of its rows and columns): its 6-row panels [p0, p1). The training path's, whose weights change
/// every step; ck_winograd_filters then ck_gemm_pack is its reference twin.
// w: (K, C, r, r) → α² packed U[ξ] (K, C), or flipped (C, K): panels [p0, p1) of each
void ck_winograd_filters_packed(int m, int r, const float *w, int outChannels, int inChannels, int p0, int p1, int flip, float *packed);

/// F(m×m, r×r)'s weight gradient (g.m and g.r: F(2×2, 3×3), F(4×4, 3×3), F(2×2, 5×5) or F(4×4, 5×5)), first half: Ŷ = A dY Aᵀ of every m×m tile of
/// the output gradient (tiles [t0, t1), channels [k0, k1)); cells past the border count as zero.
// gy: K × N planes of H×W, laid out as `planes` says
//   → Ŷ: α² blocks (K, ldY), Ŷ[ξ·ck_winograd_block(K, ldY) + k·ldY + (t − t0)]
void ck_winograd_gradient_tiles(ck_winograd_geometry g, const float *gy, ck_planes planes,
                                int channels, int k0, int k1, int t0, int t1, float *Y, size_t ldY);

/// Second half: dW = Gᵀ M G of each filter, M[ξ] (K, C) = Σ over tiles Ŷ[ξ] ⊙ V[ξ] (the GEMMs),
/// rows [k0, k1); written, or added to dw when `accumulate` (tiles taken in several passes).
// M: (α², K, C) → dw: (K, C, r, r)
void ck_winograd_filter_gradient(int m, int r, const float *M, int outChannels, int inChannels, int k0, int k1,
                                 int accumulate, float *dw);

/// Max pooling of `planes` H×W planes with −∞ padding (PyTorch's MaxPool2d).
// src: (planes, H, W) → dst: (planes, Ho, Wo); scratch: ck_maxpool_scratch(…) floats
void ck_maxpool_planes(const float *src, float *dst, int planes, int height, int width,
                       int outHeight, int outWidth, int kernelH, int kernelW,
                       int strideH, int strideW, int padH, int padW, float *scratch);

/// Floats of scratch `ck_maxpool_planes` needs.
size_t ck_maxpool_scratch(int height, int width, int strideW, int padW);

/// Whether x[0 ..< n] holds a NaN or an infinity.
int ck_holds_nonfinite(const float *x, size_t n);

/// A direct convolution's geometry (direct_conv.c), for one group of channels: `channels` input
/// planes H×W and `outChannels` output planes Ho×Wo per image, a kh×kw kernel whose taps lie
/// dh, dw cells apart (the dilation), stride sh, sw, padding ph, pw. xImage and yImage: floats
/// from one image to the next in x (and dx) and in y (and gy), so a group can be a slice of
/// wider tensors. multiplyPadding: the forward and the weight gradient multiply the padding's
/// zeros too (a non-finite tap or gradient then gives NaN there), as im2col does.
typedef struct {
    int channels, height, width, outChannels, outHeight, outWidth;
    int kh, kw, sh, sw, ph, pw, dh, dw;
    size_t xImage, yImage;
    int multiplyPadding;
} ck_direct_conv;

/// The convolution by direct loops, the holes skipped (the padding too unless g.multiplyPadding); output channels [o0, o1).
// x: images × (C, H, W), weight: (O, C, kh, kw), bias: (O) or NULL → y: images × (O, Ho, Wo)
void ck_direct_conv2d(const float *x, const float *weight, const float *bias, float *y, int images,
                      ck_direct_conv g, int o0, int o1);

/// Its weight gradient, summed over the images in double; output channels [o0, o1).
// x: images × (C, H, W), gy: images × (O, Ho, Wo) → dw: (O, C, kh, kw)
void ck_direct_conv2d_weight_grad(const float *x, const float *gy, float *dw, int images,
                                  ck_direct_conv g, int o0, int o1);

/// Its input gradient, input channels [c0, c1) written whole.
// gy: images × (O, Ho, Wo), weight: (O, C, kh, kw) → dx: images × (C, H, W)
void ck_direct_conv2d_input_grad(const float *gy, const float *weight, float *dx, int images,
                                 ck_direct_conv g, int c0, int c1);

/// im2col rows [r0, r1) (of C·kh·kw, ordered (c, ky, kx) like the weights) for output columns
/// [j0, j1) of N·Ho·Wo; row r lands at cols + r·(j1 − j0).
// src: (C, N, H, W), channel rows `ldSrc` apart → cols: (C·kh·kw, j1 − j0)
void ck_im2col(const float *src, size_t ldSrc, int height, int width,
               int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int outHeight, int outWidth,
               int r0, int r1, size_t j0, size_t j1, float *cols);

/// One image's input laid out for `ck_gemm_gathered`, "phase rows": for each channel c and row iy
/// of the input padded by (padH, padW), its columns split by their remainder φ mod strideW, each
/// phase a row of `rowLength` floats: dst[((c·paddedHeight + iy)·strideW + φ)·rowLength + j] =
/// the padded input at (c, iy, j·strideW + φ), 0 outside it. Rows [r0, r1) of C·paddedHeight.
/// Then an output row's columns ox … ox+n at tap (ky, kx) are one run: row (c, oy·strideH + ky,
/// kx mod strideW), from j = ox + kx / strideW.
// src: channel c's plane at src + c·ldSrc, (height, width) → dst: (C, paddedHeight, strideW, rowLength)
void ck_phase_rows(const float *src, size_t ldSrc, int height, int width, int padH, int padW, int strideW,
                   int paddedHeight, int rowLength, int r0, int r1, float *dst);

/// Rows of A in one packed panel: `ck_gemm`'s row ranges start at a multiple of it.
enum { CK_GEMM_PANEL_ROWS = 6 };

/// Floats `ck_gemm_pack` writes for a (rows, depth) matrix: rows rounded up to a multiple of 6.
size_t ck_gemm_packed_size(int rows, int depth);

/// Floats of scratch `ck_gemm` needs per thread (one packed B panel).
size_t ck_gemm_panel_size(void);

/// Packs A (the weights) for `ck_gemm`: panels of 6 rows, each stored (depth, 6), zero-padded.
// a: (rows, depth), rows `lda` apart → packed: (⌈rows/6⌉, depth, 6)
void ck_gemm_pack(const float *a, int rows, int depth, size_t lda, float *packed);
/// `ck_gemm_pack`'s reference twin, an element at a time.
void ck_gemm_pack_naive(const float *a, int rows, int depth, size_t lda, float *packed);

/// C[r, j] = Σ_k A[r, k]·B[k, j] (+ bias[r], then max(·, 0) if relu) for rows [r0, r1) and
/// columns [0, cols). r0 must be a multiple of 6. b and c point at column 0 of the block.
// packed: ck_gemm_pack(A); b: (depth, cols), rows `ldb` apart; c: rows `ldc` apart;
// panel: scratch of ck_gemm_panel_size() floats
void ck_gemm(int r0, int r1, int cols, int depth, const float *packed, const float *b, size_t ldb,
             float *c, size_t ldc, const float *bias, int relu, float *panel);

/// `ck_gemm`, with 16-lane vectors two row panels at a time (12 rows × 32 columns, 24
/// accumulators, each B row loaded once for both): for A read from memory once per column panel
/// (the fast path's 1×1 convolutions). Same sums in the same order as `ck_gemm`.
void ck_gemm_paired(int r0, int r1, int cols, int depth, const float *packed, const float *b, size_t ldb,
                    float *c, size_t ldc, const float *bias, int relu, float *panel);

/// Packs A given transposed (at: (depth, rows), rows `ldat` apart) into ck_gemm_pack's layout:
/// Wᵀ for the input gradient, without a transposed copy first.
void ck_gemm_pack_transposed(const float *at, int rows, int depth, size_t ldat, float *packed);

/// `ck_gemm` with B given transposed: C[r, j] = Σ_k A[r, k]·bt[j, k].
// bt: (cols, depth), rows `ldbt` apart (the weight gradient's im2col columns, read as colsᵀ)
void ck_gemm_bt(int r0, int r1, int cols, int depth, const float *packed, const float *bt, size_t ldbt,
                float *c, size_t ldc, const float *bias, int relu, float *panel);

/// `ck_gemm_bt` added to C as it stands: C[r, j] += Σ_k A[r, k]·bt[j, k] (no bias, no ReLU).
void ck_gemm_bt_add(int r0, int r1, int cols, int depth, const float *packed, const float *bt, size_t ldbt,
                    float *c, size_t ldc, float *panel);

/// Columns in one packed panel of B (16, or 32 with AVX-512): `ck_gemm_pack_b` packs whole panels.
int ck_gemm_panel_width(void);

/// Floats `ck_gemm_pack_b` may write for a (depth, cols) B under any build: cols rounded up to
/// whole panels of the widest build (32 columns).
size_t ck_gemm_packed_b_size(int depth, int cols);

/// Packs column panels [q0, q1) of B for `ck_gemm_prepacked`, so threads that split the rows of
/// one GEMM pack B once between them (each `ck_gemm` call packs all of B again).
// b: (depth, cols), rows `ldb` apart → packed_b: (⌈cols/NR⌉, depth, NR), zero-padded
void ck_gemm_pack_b(const float *b, size_t ldb, int depth, int cols, int q0, int q1, float *packed_b);

/// `ck_gemm` with B read in place, row k being the `cols` floats at rows + offsets[k] (each
/// readable up to the next multiple of 32 floats): a convolution straight from its input's
/// phase rows (`ck_phase_rows`), with no im2col matrix and no packed panel of B.
void ck_gemm_gathered(int r0, int r1, int cols, int depth, const float *packed, const float *rows, const int *offsets,
                      float *c, size_t ldc, const float *bias, int relu);

/// `ck_gemm_gathered` for `outRows` output rows of `outWidth` cells at once: B's row k for output
/// row q at rows + offsets[k] + q·rowStep, C's columns the rows' cells in turn (c + q·outWidth + x).
/// With 16 lanes the GEMM's panels run across row ends (no half-width panel per row).
void ck_gemm_gathered_rows(int r0, int r1, int outRows, int outWidth, int depth, const float *packed, const float *rows,
                           const int *offsets, size_t rowStep, float *c, size_t ldc, const float *bias, int relu);

/// C (+)= A · Bᵀ with B read from phase rows (`ck_phase_rows`) as `ck_gemm_gathered` reads it,
/// the other way round: a convolution's weight gradient dW (O, C·kh·kw) = gy (O, Ho·Wo) · colsᵀ
/// for one image, with no im2col matrix. B's row j (tap j, j < cols) for output row oy is the
/// outWidth floats at rows + offsets[j] + oy·rowStep. `accumulate`: added to C as it stands.
// packed: A (rows, outHeight·outWidth) by ck_gemm_pack → c: (rows, cols), rows ldc apart;
// panel: ck_gemm_panel_size() floats
void ck_gemm_bt_gathered(int r0, int r1, int cols, int outHeight, int outWidth, const float *packed, const float *rows,
                         const int *offsets, size_t rowStep, float *c, size_t ldc, int accumulate, float *panel);

/// `ck_gemm` with B packed by `ck_gemm_pack_b` (under the same GEMM build).
void ck_gemm_prepacked(int r0, int r1, int cols, int depth, const float *packed, const float *packed_b,
                       float *c, size_t ldc, const float *bias, int relu);

/// Large blocks (up to `mmapThreshold` bytes) from the heap instead of fresh mappings, and up to
/// `trimThreshold` bytes of free heap kept for reuse (glibc's mallopt; nothing elsewhere).
void ck_keep_freed_blocks(size_t mmapThreshold, size_t trimThreshold);
/// The bytes malloc holds in its main heap and in blocks mapped on their own (glibc's mallinfo2;
/// both 0 elsewhere): how the tests see that the settings above took effect.
void ck_heap_bytes(size_t *heap, size_t *mapped);

/// A pool of threads that run one job at a time, all of them on it (see thread_pool.c).
typedef struct ck_pool ck_pool;
typedef void (*ck_pool_job)(void *context, int part);

/// A pool of `threads` threads: the caller's and threads − 1 workers (fewer if the system refuses).
ck_pool *ck_pool_create(int threads);
int ck_pool_threads(const ck_pool *pool);
/// Runs job(context, part) for part in 0 ..< threads, part 0 on the calling thread; returns
/// when every part has returned.
void ck_pool_run(ck_pool *pool, ck_pool_job job, void *context);
/// Inside a job: waits until every part has called it (each part must call it equally often).
void ck_pool_barrier(ck_pool *pool);
/// Inside a job: the next ticket 0, 1, 2, … of this phase (they start again at 0 after each
/// barrier), for handing out pieces of work to whichever part is free first.
int ck_pool_take(ck_pool *pool);

/// *counter += 1, atomically, returning the value before: pieces of work handed to whichever
/// thread asks first, outside a pool's own ticket (`Parallel.pieces`).
int ck_take_ticket(int *counter);
void ck_pool_destroy(ck_pool *pool);
/// Tells every pool's idle workers to stop spinning for their next job and sleep: something
/// else (OpenBLAS on several threads) is about to use the cores.
void ck_pool_quiet(void);

/// A channel's mean and Σ(x − mean)² over `planes` planes of `plane` values, `stride` floats
/// apart: each plane summed in float (eight lanes), the planes in double; two passes.
// row: (planes, plane), planes `stride` apart
void ck_channel_moments(const float *row, int planes, int plane, size_t stride, double *mean, double *squares);

/// dst[i] = src[i]·scale + shift, then max(·, 0) if relu (dst may be src).
void ck_scale_shift(const float *src, float *dst, size_t count, float scale, float shift, int relu);

/// PyTorch's float sum over a 2-D slab as ATen's cascade_sum runs it after TensorIterator has
/// put the reduced dimension first: out[j·outStride] += Σ_i in[i·stride0 + j·stride1], every
/// addition in ATen's order (8-lane vectors emulated), so the result has PyTorch's bits.
// in: (size1 outputs) × (size0 reduced values), strides in floats → out: size1 values, added to
void ck_cascade_sum_2d(const float *in, int64_t size0, int64_t stride0, int64_t size1, int64_t stride1,
                       float *out, int64_t outStride);

/// Sleef's expf (1.0 ulp), the exp of ATen's float vectors.
float ck_sleef_expf(float d);

/// PyTorch's log_softmax over each row's k values (ATen's last-dim kernel): x − max − log Σ exp(x − max),
/// the sum in ATen's lanes on this CPU (16 where its AVX-512 build runs, else 8) then a tree, as ATen adds it.
// x: (rows, k) → out: (rows, k)
void ck_log_softmax_rows(const float *x, int64_t rows, int64_t k, float *out);

/// PyTorch's softmax over each row's k values (ATen's last-dim kernel): exp(x − max) times the
/// reciprocal of their sum, added as ck_log_softmax_rows adds it.
// x: (rows, k) → out: (rows, k)
void ck_softmax_rows(const float *x, int64_t rows, int64_t k, float *out);

/// −Σ picked[b] as nll_loss adds it: 8 levels of partial sums, each folded into the next every
/// 2^p rows (p = max(4, ⌈log2 count⌉ / 8)), then the levels summed in order.
// picked: (count) log-probabilities of the targets → the summed loss
float ck_nll_cascade(const float *picked, int64_t count);

/// ck_gemm's builds: chosen by the CPU (automatic), or one forced for testing.
enum {
    CK_GEMM_AUTOMATIC = 0,
    CK_GEMM_BASELINE = 1,        // 8 lanes as SSE pairs: any x86-64 (or other) CPU
    CK_GEMM_AVX2 = 2,            // 8 lanes, AVX2 + FMA
    CK_GEMM_WIDE_ON_AVX2 = 3,    // the 16-lane kernel compiled for AVX2 (tests the AVX-512 logic)
    CK_GEMM_AVX512 = 4,          // 16 lanes, AVX-512F
};
int ck_gemm_variant_available(int variant);
/// Forces a build (if this CPU can run it); CK_GEMM_AUTOMATIC goes back to the best one.
void ck_gemm_use_variant(int variant);
/// The build in use, e.g. "avx2+fma, 6×16 blocks".
const char *ck_gemm_variant_name(void);

/// The name of the widest instruction set the kernels run with ("avx512f", "avx2+fma" or "sse2").
const char *ck_isa(void);

#endif

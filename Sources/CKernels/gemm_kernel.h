// The GEMM of gemm.c for one vector width, included once per width with
//   VW   floats per vector (8: AVX2 or SSE pairs; 16: AVX-512)
//   NAME(x), a suffixed name for x
// A block is 6 rows × NR = 2·VW columns: twelve VW-wide accumulators.
#define NR (2 * VW)
typedef float VEC __attribute__((vector_size(4 * VW)));
typedef float VECU __attribute__((vector_size(4 * VW), aligned(4)));

// c[0..rows)[0..cols) = the 6 × NR block in registers (+ c if accumulate), then bias and ReLU
CK_INLINE void NAME(store_block)(VEC acc[MR][2], float *c, size_t ldc, int rows, int cols, int accumulate,
                           const float *bias, int relu) {
    for (int r = 0; r < rows; r++) {
        VEC lo = acc[r][0], hi = acc[r][1];
        float *row = c + (size_t)r * ldc;
        if (accumulate) {
            if (cols == NR) { lo += *(const VECU *)row; hi += *(const VECU *)(row + VW); }
            else {
                // the row's first `cols` floats into a zeroed block, added as two whole vectors
                // (lane by lane, a 20-column tail took 1.7 × a full panel's time)
                float lanes[NR] = {0};
                memcpy(lanes, row, (size_t)cols * sizeof(float));
                lo += *(const VECU *)lanes; hi += *(const VECU *)(lanes + VW);
            }
        }
        if (bias) { lo += bias[r]; hi += bias[r]; }
        if (relu) {
            const VEC zero = {0};
            lo = __builtin_elementwise_max(lo, zero);
            hi = __builtin_elementwise_max(hi, zero);
        }
        if (cols == NR) {
            *(VECU *)row = lo;
            *(VECU *)(row + VW) = hi;
        } else {
            float lanes[NR];
            memcpy(lanes, &lo, sizeof lo);
            memcpy(lanes + VW, &hi, sizeof hi);
            memcpy(row, lanes, (size_t)cols * sizeof(float));
        }
    }
}

// (6 × depth) · (depth × NR) → acc. B's row k is NR floats at b + k·NR (a packed panel) or, given
// offsets, at b + offsets[k] (read in place: a convolution's input rows, found through a table
// instead of copied). Every caller passes offsets as a constant 0 or a table, so the inlined
// loop has no branch.
CK_INLINE void NAME(micro_kernel_rows)(int depth, const float *restrict a, const float *b, const int *offsets,
                                       VEC acc[MR][2]) {
    VEC c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0};
    VEC c30 = {0}, c31 = {0}, c40 = {0}, c41 = {0}, c50 = {0}, c51 = {0};
    for (int k = 0; k < depth; k++, a += MR) {
        const float *row = offsets ? b + offsets[k] : b + (size_t)k * NR;
        const VEC b0 = *(const VECU *)row, b1 = *(const VECU *)(row + VW);
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

// Two row panels' (12 × depth) · (depth × NR) from a packed B panel → acc0, acc1 (each as
// micro_kernel_rows): 24 accumulators, each B row loaded once for both. Written as loops over the
// rows: the compiler unrolls them and keeps all 24 in registers (the same code as spelled out).
CK_INLINE void NAME(micro_kernel_rows_pair)(int depth, const float *restrict a0, const float *restrict a1,
                                            const float *b, VEC acc0[MR][2], VEC acc1[MR][2]) {
    VEC c[2][MR][2] = {{{{0}}}};
    for (int k = 0; k < depth; k++, a0 += MR, a1 += MR) {
        const VEC b0 = *(const VECU *)(b + (size_t)k * NR), b1 = *(const VECU *)(b + (size_t)k * NR + VW);
        for (int r = 0; r < MR; r++) { c[0][r][0] += a0[r] * b0; c[0][r][1] += a0[r] * b1; }
        for (int r = 0; r < MR; r++) { c[1][r][0] += a1[r] * b0; c[1][r][1] += a1[r] * b1; }
    }
    for (int r = 0; r < MR; r++) {
        acc0[r][0] = c[0][r][0]; acc0[r][1] = c[0][r][1];
        acc1[r][0] = c[1][r][0]; acc1[r][1] = c[1][r][1];
    }
}

// (6 × depth) · (depth × VW) → acc[·][0], for a last panel no wider than one vector (49 columns
// = 3 panels + 1: half the work of a full block for it); B's rows as for micro_kernel_rows
CK_INLINE void NAME(micro_kernel_half_rows)(int depth, const float *restrict a, const float *b, const int *offsets,
                                            VEC acc[MR][2]) {
    VEC c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0}, c4 = {0}, c5 = {0};
    for (int k = 0; k < depth; k++, a += MR) {
        const VEC b0 = *(const VECU *)(offsets ? b + offsets[k] : b + (size_t)k * NR);
        c0 += a[0] * b0; c1 += a[1] * b0; c2 += a[2] * b0;
        c3 += a[3] * b0; c4 += a[4] * b0; c5 += a[5] * b0;
    }
    const VEC zero = {0};
    acc[0][0] = c0; acc[1][0] = c1; acc[2][0] = c2; acc[3][0] = c3; acc[4][0] = c4; acc[5][0] = c5;
    for (int r = 0; r < MR; r++) acc[r][1] = zero;
}

// panel: (kc, NR) = B's rows k0 … k0 + kc, columns j … j + width, zeros after; row k at
// b + k·ldb, or, given offsets, at b + offsets[k] (a convolution's input rows read in place)
CK_INLINE void NAME(pack_panel)(const float *b, size_t ldb, const int *offsets, int k0, int kc, int j, int width, float *panel) {
    for (int k = 0; k < kc; k++) {
        const float *src = (offsets ? b + offsets[k0 + k] : b + (size_t)(k0 + k) * ldb) + j;
        float *dst = panel + (size_t)k * NR;
        if (width == NR) memcpy(dst, src, NR * sizeof(float));
        else { memcpy(dst, src, (size_t)width * sizeof(float)); memset(dst + width, 0, (size_t)(NR - width) * sizeof(float)); }
    }
}

// As pack_panel, for a B stored transposed: bt is (cols, depth), rows `ldbt` apart, so B[k][j] =
// bt[j·ldbt + k]. Each of the panel's columns is one contiguous run of bt, written NR apart.
// Whole 8 × 8 blocks are transposed in registers, the ragged edges one float at a time.
CK_INLINE void NAME(pack_panel_transposed)(const float *bt, size_t ldbt, int k0, int kc, int j, int width, float *panel) {
    const int wide = width & ~7, deep = kc & ~7;
    for (int jj = 0; jj < wide; jj += 8)
        for (int k = 0; k < deep; k += 8)
            transpose8x8(bt + (size_t)(j + jj) * ldbt + k0 + k, ldbt, panel + (size_t)k * NR + jj, NR);
    for (int jj = 0; jj < width; jj++) {
        const float *src = bt + (size_t)(j + jj) * ldbt + k0;
        for (int k = jj < wide ? deep : 0; k < kc; k++) panel[(size_t)k * NR + jj] = src[k];
    }
    for (int jj = width; jj < NR; jj++)
        for (int k = 0; k < kc; k++) panel[(size_t)k * NR + jj] = 0;
}

// c[r0..r1)[0..width) (+)= A's rows r0 … r1 × the (kc, NR) panel of B, depth k0 … k0 + kc: added
// to c for every depth block after the first, and for the first too when `accumulate`.
// `paired` (16 lanes, full-width panels): two row panels at a time. One thread on the 2-core Zen 5
// (family 26, AVX-512): the same speed on A in cache; M448 K528 N196 with A from memory 509 →
// 465 µs; in the network at batch 1 the 14×14 merged 1×1s −10%, but the Winograd GEMMs +25% (not
// understood: alone, on the same shapes, ±5%) and conv1 at batch 8 +8%, so only the 1×1s ask.
CK_INLINE void NAME(row_panels)(int r0, int r1, int depth, int k0, int kc, const float *packed, const float *panel,
                                float *c, size_t ldc, int width, int accumulate, const float *bias, int relu, int paired) {
    const int last = k0 + kc == depth;
    int p = r0 / MR;
    if (VW == 16 && paired && width > VW)
        for (; (p + 1) * MR < r1; p += 2) {
            VEC acc0[MR][2], acc1[MR][2];
            NAME(micro_kernel_rows_pair)(kc, packed + ((size_t)p * depth + k0) * MR,
                                         packed + ((size_t)(p + 1) * depth + k0) * MR, panel, acc0, acc1);
            const int first = p * MR, rows = (r1 - first - MR < MR ? r1 - first - MR : MR);
            NAME(store_block)(acc0, c + (size_t)first * ldc, ldc, MR, width, accumulate || k0 > 0,
                              last && bias ? bias + first : 0, last && relu);
            NAME(store_block)(acc1, c + (size_t)(first + MR) * ldc, ldc, rows, width, accumulate || k0 > 0,
                              last && bias ? bias + first + MR : 0, last && relu);
        }
    for (; p * MR < r1; p++) {
        VEC acc[MR][2];
        if (width <= VW) NAME(micro_kernel_half_rows)(kc, packed + ((size_t)p * depth + k0) * MR, panel, 0, acc);
        else NAME(micro_kernel_rows)(kc, packed + ((size_t)p * depth + k0) * MR, panel, 0, acc);
        const int first = p * MR, rows = (r1 - first < MR ? r1 - first : MR);
        NAME(store_block)(acc, c + (size_t)first * ldc, ldc, rows, width, accumulate || k0 > 0,
                          last && bias ? bias + first : 0, last && relu);
    }
}

// Depth is worked through in blocks of KC so a B panel (KC × NR: 16 or 32 KB) stays in L1 and the
// A panels of one block (rows × KC) in L2; blocks after the first add to C. `transposed`: B is
// given as bt (cols, depth), rows `ldb` apart (the weight gradient's colsᵀ, read where it lies);
// `offsets`: B's row k is at b + offsets[k] (pack_panel). `accumulate`: the product is added to C as it stands (C += A·B).
// `paired`: with 16 lanes, two row panels at a time (row_panels).
CK_INLINE void NAME(gemm_blocks)(int r0, int r1, int cols, int depth, const float *packed,
                                 const float *b, size_t ldb, const int *offsets, int transposed, float *c, size_t ldc, int accumulate,
                                 const float *bias, int relu, float *panel, int paired) {
    for (int k0 = 0; k0 < depth; k0 += KC) {
        const int kc = depth - k0 < KC ? depth - k0 : KC;
        for (int j = 0; j < cols; j += NR) {
            const int width = cols - j < NR ? cols - j : NR;
            if (transposed) NAME(pack_panel_transposed)(b, ldb, k0, kc, j, width, panel);
            else NAME(pack_panel)(b, ldb, offsets, k0, kc, j, width, panel);
            NAME(row_panels)(r0, r1, depth, k0, kc, packed, panel, c + j, ldc, width, accumulate, bias, relu, paired);
        }
    }
}

CK_INLINE void NAME(gemm_body)(int r0, int r1, int cols, int depth, const float *packed,
                            const float *b, size_t ldb, float *c, size_t ldc,
                            const float *bias, int relu, float *panel) {
    NAME(gemm_blocks)(r0, r1, cols, depth, packed, b, ldb, 0, 0, c, ldc, 0, bias, relu, panel, 0);
}

CK_INLINE void NAME(gemm_body_paired)(int r0, int r1, int cols, int depth, const float *packed,
                                      const float *b, size_t ldb, float *c, size_t ldc,
                                      const float *bias, int relu, float *panel) {
    NAME(gemm_blocks)(r0, r1, cols, depth, packed, b, ldb, 0, 0, c, ldc, 0, bias, relu, panel, 1);
}

CK_INLINE void NAME(gemm_body_bt)(int r0, int r1, int cols, int depth, const float *packed,
                               const float *bt, size_t ldbt, float *c, size_t ldc,
                               const float *bias, int relu, float *panel) {
    NAME(gemm_blocks)(r0, r1, cols, depth, packed, bt, ldbt, 0, 1, c, ldc, 0, bias, relu, panel, 0);
}

CK_INLINE void NAME(gemm_body_bt_add)(int r0, int r1, int cols, int depth, const float *packed,
                                   const float *bt, size_t ldbt, float *c, size_t ldc, float *panel) {
    NAME(gemm_blocks)(r0, r1, cols, depth, packed, bt, ldbt, 0, 1, c, ldc, 1, 0, 0, panel, 0);
}

// panel rows 0 ..< run: panel[k·NR + j] = base[offsets[j] + k] for j < width, zeros after: `run`
// cells of one output row under `width` taps, read where the taps' runs lie (8 × 8 blocks
// transposed in registers, the ragged edges a float at a time)
CK_INLINE void NAME(pack_run_gathered)(const float *base, const int *offsets, int width, int run, float *panel) {
    const int wide = width & ~7, deep = run & ~7;
    for (int jj = 0; jj < wide; jj += 8) {
        const float *rows[8];
        for (int i = 0; i < 8; i++) rows[i] = base + offsets[jj + i];
        for (int k = 0; k < deep; k += 8) {
            transpose8x8_rows(rows, panel + (size_t)k * NR + jj, NR);
            for (int i = 0; i < 8; i++) rows[i] += 8;
        }
    }
    for (int jj = 0; jj < width; jj++) {
        const float *src = base + offsets[jj];
        for (int k = jj < wide ? deep : 0; k < run; k++) panel[(size_t)k * NR + jj] = src[k];
    }
    for (int k = 0; k < run; k++)
        for (int jj = width; jj < NR; jj++) panel[(size_t)k * NR + jj] = 0;
}

// c[r0..r1)[0..cols) (+)= A · Bᵀ, A packed (depth = outHeight·outWidth cells), B's row j (a tap)
// for output row oy being the outWidth floats at rows + offsets[j] + oy·rowStep: a convolution's
// weight gradient read from its input's phase rows. Depth in blocks of KC cells (runs of whole or
// part output rows), the taps NR at a time inside; blocks after the first add to C.
CK_INLINE void NAME(gemm_body_bt_gathered)(int r0, int r1, int cols, int outHeight, int outWidth, const float *packed,
                                           const float *rows, const int *offsets, size_t rowStep, float *c, size_t ldc,
                                           int accumulate, float *panel) {
    const int depth = outHeight * outWidth;
    for (int k0 = 0; k0 < depth; k0 += KC) {
        const int kc = depth - k0 < KC ? depth - k0 : KC;
        for (int j = 0; j < cols; j += NR) {
            const int width = cols - j < NR ? cols - j : NR;
            for (int k = 0; k < kc;) {
                const int cell = k0 + k, oy = cell / outWidth, ox = cell % outWidth;
                const int run = kc - k < outWidth - ox ? kc - k : outWidth - ox;
                NAME(pack_run_gathered)(rows + (size_t)oy * rowStep + ox, offsets + j, width, run, panel + (size_t)k * NR);
                k += run;
            }
            NAME(row_panels)(r0, r1, depth, k0, kc, packed, panel, c + j, ldc, width, accumulate, 0, 0, 0);
        }
    }
}

// B's column panels [q0, q1), NR columns each, whole depth: panel q at packed_b + q·depth·NR
CK_INLINE void NAME(pack_b)(const float *b, size_t ldb, int depth, int cols, int q0, int q1, float *packed_b) {
    for (int q = q0; q < q1 && q * NR < cols; q++) {
        const int j = q * NR, width = cols - j < NR ? cols - j : NR;
        NAME(pack_panel)(b, ldb, 0, 0, depth, j, width, packed_b + (size_t)q * depth * NR);
    }
}

// As gemm_body, with every panel of B packed beforehand by pack_b (shared by the threads that
// split the rows, instead of each packing all of B again).
CK_INLINE void NAME(gemm_body_prepacked)(int r0, int r1, int cols, int depth, const float *packed,
                                         const float *packed_b, float *c, size_t ldc, const float *bias, int relu) {
    for (int k0 = 0; k0 < depth; k0 += KC) {
        const int kc = depth - k0 < KC ? depth - k0 : KC;
        for (int j = 0, q = 0; j < cols; j += NR, q++) {
            const int width = cols - j < NR ? cols - j : NR;
            NAME(row_panels)(r0, r1, depth, k0, kc, packed, packed_b + ((size_t)q * depth + k0) * NR, c + j, ldc, width, 0, bias, relu, 0);
        }
    }
}

// c[r0..r1)[0..cols) = A's rows r0 … r1 (packed) × B (+ bias, ReLU), B's row k being the cols
// floats at rows + offsets[k] (readable up to the next multiple of NR). Depth in blocks of KC and
// column blocks inside, so a block's KC rows of B stay in L1 for all the row panels; blocks after
// the first add to C.
CK_INLINE void NAME(gemm_body_gathered)(int r0, int r1, int cols, int depth, const float *packed, const float *rows,
                                        const int *offsets, float *c, size_t ldc, const float *bias, int relu) {
    if (!offsets) __builtin_unreachable();      // so the inlined micro-kernels drop their packed-panel branch
    if (VW == 16) {
        // 16 lanes: the rows read in place start anywhere in a cache line, so nearly every 64-byte
        // load would span two lines; each (KC × NR) piece is copied into an aligned panel first
        // and the row panels read that (conv1 on the Intel Xeon, family 6 model 167: 2.21 → 2.05 ms
        // at batch 1, medians of 10 alternating rounds). Same products in the same order. (Row
        // panels two at a time: conv1 on the Zen 5 at batch 8 +8%.)
        _Alignas(64) float panel[KC * NR];
        NAME(gemm_blocks)(r0, r1, cols, depth, packed, rows, 0, offsets, 0, c, ldc, 0, bias, relu, panel, 0);
        return;
    }
    for (int k0 = 0; k0 < depth; k0 += KC) {
        const int kc = depth - k0 < KC ? depth - k0 : KC, last = k0 + kc == depth;
        for (int j = 0; j < cols; j += NR) {
            const int width = cols - j < NR ? cols - j : NR;
            for (int p = r0 / MR; p * MR < r1; p++) {
                VEC acc[MR][2];
                const float *a = packed + ((size_t)p * depth + k0) * MR;
                if (width <= VW) NAME(micro_kernel_half_rows)(kc, a, rows + j, offsets + k0, acc);
                else NAME(micro_kernel_rows)(kc, a, rows + j, offsets + k0, acc);
                const int first = p * MR, live = r1 - first < MR ? r1 - first : MR;
                NAME(store_block)(acc, c + (size_t)first * ldc + j, ldc, live, width, k0 > 0,
                                  last && bias ? bias + first : 0, last && relu);
            }
        }
    }
}

// panel: (kc, NR) = columns j … j + width of B's rows k0 … k0 + kc, zeros after, where B's
// column j is output row q = j / outWidth, cell x = j % outWidth: rows + offsets[k] + q·rowStep + x.
// A panel within one output row is pack_panel's; one across two (outWidth ≥ NR: never more) is
// copied in its two runs.
CK_INLINE void NAME(pack_panel_rows)(const float *rows, const int *offsets, int k0, int kc, int j, int width,
                                     int outWidth, size_t rowStep, float *panel) {
    const int q = j / outWidth, x = j % outWidth;
    const float *row = rows + (size_t)q * rowStep + x;
    if (x + width <= outWidth) { NAME(pack_panel)(row, 0, offsets, k0, kc, 0, width, panel); return; }
    const int first = outWidth - x, second = width - first;
    for (int k = 0; k < kc; k++) {
        const float *src = row + offsets[k0 + k], *next = rows + (size_t)(q + 1) * rowStep + offsets[k0 + k];
        float *dst = panel + (size_t)k * NR;
        for (int jj = 0; jj < first; jj++) dst[jj] = src[jj];
        for (int jj = 0; jj < second; jj++) dst[first + jj] = next[jj];
        for (int jj = width; jj < NR; jj++) dst[jj] = 0;
    }
}

// As gemm_body_gathered for `outRows` output rows at once: B's columns are the rows' cells one
// row after another (row q's taps at rows + offsets[k] + q·rowStep), C's columns the same cells
// (c + q·outWidth + x: a plane's rows, contiguous). With 16 lanes and rows of at least NR cells,
// the columns go into panels across row ends (conv1's 112 = 3½ panels a row: 7 whole panels per
// two rows, where a half panel ran at the speed of six accumulators); otherwise a row at a time.
CK_INLINE void NAME(gemm_body_gathered_rows)(int r0, int r1, int outRows, int outWidth, int depth, const float *packed,
                                             const float *rows, const int *offsets, size_t rowStep, float *c, size_t ldc,
                                             const float *bias, int relu) {
    if (VW != 16 || outWidth < NR) {
        for (int q = 0; q < outRows; q++)
            NAME(gemm_body_gathered)(r0, r1, outWidth, depth, packed, rows + (size_t)q * rowStep, offsets,
                                     c + (size_t)q * outWidth, ldc, bias, relu);
        return;
    }
    _Alignas(64) float panel[KC * NR];
    const int cols = outRows * outWidth;
    for (int k0 = 0; k0 < depth; k0 += KC) {
        const int kc = depth - k0 < KC ? depth - k0 : KC;
        for (int j = 0; j < cols; j += NR) {
            const int width = cols - j < NR ? cols - j : NR;
            NAME(pack_panel_rows)(rows, offsets, k0, kc, j, width, outWidth, rowStep, panel);
            NAME(row_panels)(r0, r1, depth, k0, kc, packed, panel, c + j, ldc, width, 0, bias, relu, 0);
        }
    }
}

#undef NR

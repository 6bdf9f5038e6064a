// Max pooling's forward for training (ck_maxpool_planes_winners): y, and each window's winner as
// its cell's number ky·kw + kx, for one vector width; pooling_backward.c includes it with
//   L        lanes a vector (8: AVX2 or SSE pairs; 16: AVX-512)
//   WIDE(x)  a suffixed name for x
// The rule, the backward's (window_winners in pooling_backward.c): the first maximum in row-major
// order wins, a NaN always takes over, 255 when only −∞ and padding were there.
// Per plane: the input copied into a −∞-bordered plane, then L output columns at a time either
//   directly (strided windows): each window cell (ky, kx) in row-major order, or
//   separably (stride 1 across: the Inception modules' 3×3/1 pools): first each padded row's
//   winner over kx, then down the ky rows, which picks the same cell by the same rule (the
//   first strict maximum of each row, the first row whose maximum is strictly greater; a NaN
//   taking over at either step). Halves the window's compares on stride 1, where the rows'
//   winners are shared by kh output rows; on stride 2 the direct search measured faster.
// A plane without a NaN (the usual case, found by one pass) takes the compare without the NaN test.

typedef float WIDE(vf) __attribute__((vector_size(4 * L)));
typedef float WIDE(vfu) __attribute__((vector_size(4 * L), aligned(4)));
typedef int WIDE(vi) __attribute__((vector_size(4 * L)));
typedef int WIDE(viu) __attribute__((vector_size(4 * L), aligned(4)));
typedef unsigned char WIDE(vb) __attribute__((vector_size(L)));
typedef unsigned char WIDE(vbu) __attribute__((vector_size(L), aligned(1)));

// L output columns' cells (ky, kx): src[0], src[sw], …, src[(L − 1)·sw] into *v; stride 2 as two
// loads and one shuffle of their even lanes
CK_INLINE void WIDE(strided)(const float *src, int sw, WIDE(vf) *v) {
    if (sw == 1) { *v = *(const WIDE(vfu) *)src; return; }
    if (sw == 2) {
        const WIDE(vf) lo = *(const WIDE(vfu) *)src, hi = *(const WIDE(vfu) *)(src + L);
#if L == 8
        *v = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
#else
        *v = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
#endif
        return;
    }
    for (int i = 0; i < L; i++) (*v)[i] = src[i * sw];
}

// *v (whose cell is *cell) takes over from the best so far (*b, cell *a) where strictly greater,
// or (when the plane holds one) a NaN. (Vectors by pointer: passed by value they would change
// the baseline build's ABI.)
CK_INLINE void WIDE(take_over)(const WIDE(vf) *v, const WIDE(vi) *cell, WIDE(vf) *b, WIDE(vi) *a, const int nan) {
    const WIDE(vi) wins = nan ? (*v > *b) | (*v != *v) : (*v > *b);
    *b = (WIDE(vf))(((WIDE(vi))*v & wins) | ((WIDE(vi))*b & ~wins));
    *a = (*cell & wins) | (*a & ~wins);
}

CK_INLINE void WIDE(no_winner)(WIDE(vf) *b, WIDE(vi) *a) {
    *b = (WIDE(vf)){0} - INFINITY;
    *a = (WIDE(vi)){0} - 1;
}

// One chunk of L outputs into out and cells (bytes). A chunk past the row's end is still stored
// whole when the lanes past it stay inside the call's output (`room` outputs from out + q on):
// they land on the next rows, which are written after this one. Only the call's last chunks,
// whose extra lanes would reach another call's planes, go a lane at a time (on 14×14 and 7×7
// planes every row ends that way, and storing those lanes one by one cost more than the search).
CK_INLINE void WIDE(store)(float *out, unsigned char *cells, int q, int wo, size_t room, const WIDE(vf) *b, const WIDE(vi) *a) {
    if (q + L <= wo || room >= L) {
        *(WIDE(vfu) *)(out + q) = *b;
        *(WIDE(vbu) *)(cells + q) = __builtin_convertvector(*a, WIDE(vb));
        return;
    }
    for (int l = 0; q + l < wo; l++) { out[q + l] = (*b)[l]; cells[q + l] = (unsigned char)(*a)[l]; }
}

// One plane, its input already in `padded` (pwidth wide, pheight tall, −∞ around it); `rowBest`:
// pheight × chunks/L vectors of best values, then as many of cells, 64-byte aligned; `end`: the
// end of the call's output (see store)
CK_INLINE void WIDE(plane_winners)(const float *padded, int pwidth, int pheight, int chunks, float *out, unsigned char *cells,
                                   const float *end, int ho, int wo, int kh, int kw, int sh, int sw, WIDE(vf) *rowBest, const int nan) {
    const int per = chunks / L;                              // vectors a row
    if (sw == 1) {
        WIDE(vi) *rowAt = (WIDE(vi) *)(rowBest + (size_t)pheight * per);
        const int used = (ho - 1) * sh + kh;                 // padded rows some window reads
        for (int r = 0; r < used; r++)
            for (int q = 0; q < chunks; q += L) {
                WIDE(vf) b; WIDE(vi) a;
                WIDE(no_winner)(&b, &a);
                const float *row = padded + (size_t)r * pwidth + q;
                for (int kx = 0; kx < kw; kx++) {
                    const WIDE(vf) v = *(const WIDE(vfu) *)(row + kx);
                    const WIDE(vi) cell = (WIDE(vi)){0} + kx;
                    WIDE(take_over)(&v, &cell, &b, &a, nan);
                }
                rowBest[r * per + q / L] = b;
                rowAt[r * per + q / L] = a;
            }
        for (int oy = 0; oy < ho; oy++, out += wo, cells += wo)
            for (int q = 0; q < chunks; q += L) {
                WIDE(vf) b; WIDE(vi) a;
                WIDE(no_winner)(&b, &a);
                for (int ky = 0; ky < kh; ky++) {
                    const int i = (oy * sh + ky) * per + q / L;
                    const WIDE(vi) cell = rowAt[i] + ky * kw;
                    WIDE(take_over)(&rowBest[i], &cell, &b, &a, nan);
                }
                WIDE(store)(out, cells, q, wo, (size_t)(end - (out + q)), &b, &a);
            }
        return;
    }
    for (int oy = 0; oy < ho; oy++, out += wo, cells += wo) {
        const float *corner = padded + (size_t)oy * sh * pwidth;
        for (int q = 0; q < chunks; q += L) {
            WIDE(vf) b; WIDE(vi) a;
            WIDE(no_winner)(&b, &a);
            for (int ky = 0; ky < kh; ky++) {
                const float *row = corner + (size_t)ky * pwidth + q * sw;
                for (int kx = 0; kx < kw; kx++) {
                    WIDE(vf) v;
                    WIDE(strided)(row + kx, sw, &v);
                    const WIDE(vi) cell = (WIDE(vi)){0} + (ky * kw + kx);
                    WIDE(take_over)(&v, &cell, &b, &a, nan);
                }
            }
            WIDE(store)(out, cells, q, wo, (size_t)(end - (out + q)), &b, &a);
        }
    }
}

// scratch: winners_geometry's padded plane, then (64-byte aligned) the rows' winners
CK_INLINE void WIDE(maxpool_planes_winners)(const float *x, float *y, unsigned char *winners, int planes, int h, int w,
                                            int ho, int wo, int kh, int kw, int sh, int sw, int ph, int pw, float *scratch) {
    int pwidth, pheight, chunks;
    winners_geometry(h, w, ho, wo, kh, kw, sh, sw, ph, pw, L, &pwidth, &pheight, &chunks);
    float *padded = scratch;
    WIDE(vf) *rowBest = (WIDE(vf) *)(((uintptr_t)(padded + (size_t)pwidth * pheight) + 63) & ~(uintptr_t)63);
    const float *end = y + (size_t)planes * ho * wo;
    for (size_t i = 0; i < (size_t)pwidth * pheight; i++) padded[i] = -INFINITY;
    for (int p = 0; p < planes; p++) {
        const float *src = x + (size_t)p * h * w;
        float *out = y + (size_t)p * ho * wo;
        unsigned char *cells = winners + (size_t)p * ho * wo;
        pad_plane(src, h, w, ph, pw, pwidth, padded);
        if (holds_nan(src, (size_t)h * w))
            WIDE(plane_winners)(padded, pwidth, pheight, chunks, out, cells, end, ho, wo, kh, kw, sh, sw, rowBest, 1);
        else
            WIDE(plane_winners)(padded, pwidth, pheight, chunks, out, cells, end, ho, wo, kh, kw, sh, sw, rowBest, 0);
    }
}

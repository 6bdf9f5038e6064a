// Winograd F(m×m, r×r) transforms (Lavin & Gray, "Fast Algorithms for Convolutional Neural
// Networks", 2015) for an r×r, stride-1, "same" convolution: F(2×2, 3×3) (α = 4), F(4×4, 3×3)
// and F(2×2, 5×5) (α = 6; both interpolate at 0, ±1, ±2 and ∞, so they share Bᵀ), and F(4×4, 5×5)
// (α = 8, at 0, ±1, ±2, ±1/2 and ∞: 4 multiplications an output instead of F(2×2, 5×5)'s 9; in
// float its results stray from the direct sums about as far as F(4×4, 3×3)'s, a few 1e-6 of the
// largest output; bench/winograd_error.py measures both). The
// multiplications between the transforms are α² GEMMs (ck_gemm): M[ξ] (K, T) = U[ξ] (K, C) × V[ξ] (C, T).
//
// Both transforms work on L = 8 tiles at once, one tile per SIMD lane: lane l of every
// temporary belongs to tile t + l, so every arithmetic line below is an 8-wide vector operation.
#include <stdlib.h>
#include <string.h>
#include "CKernels.h"
#include "dispatch.h"
#include "transpose8.h"

#define L 8
typedef float lanes[L];
#define MAX_ALPHA 8                 // F(4×4, 5×5)
#define MAX_CELLS (MAX_ALPHA * MAX_ALPHA)

ck_winograd_geometry ck_winograd_geometry_make(int m, int r, int batch, int height, int width) {
    ck_winograd_geometry g = { m, r, batch, height, width, (height + m - 1) / m, (width + m - 1) / m };
    return g;
}

size_t ck_winograd_block(int rows, size_t ld) { return (size_t)rows * ld + 16; }

// Input planes are copied into a zero border ((r − 1)/2 wide, more at the bottom and right for
// cut tiles) so every tile reads α² values unchecked.
static int padded_height(ck_winograd_geometry g) { return g.m * g.tilesHigh + g.r - 1; }
static int padded_width(ck_winograd_geometry g) { return g.m * g.tilesWide + g.r - 1; }

size_t ck_winograd_input_scratch(ck_winograd_geometry g) {      // + room for strided_lanes' reads
    return (size_t)g.batch * (size_t)padded_height(g) * (size_t)padded_width(g) + 4 * L;
}

// Eight lanes as one vector: the arithmetic below is written on whole vectors (8 floats: one AVX
// register, or a pair of SSE ones on the baseline build), read from and written to `lanes`.
typedef float v8 __attribute__((vector_size(32)));
typedef float v8u __attribute__((vector_size(32), aligned(4)));
typedef int i8 __attribute__((vector_size(32)));
#define VEC(x) (*(v8u *)(x))

// One row or column of Bᵀ d: d0..d(α−1) → r0..r(α−1), eight tiles at once.
CK_INLINE void input_line(int a, lanes *d, int stride, lanes *r, int rstride) {
#define D(i) VEC(d[(i) * stride])
#define R(i) VEC(r[(i) * rstride])
    if (a == 8) {                              // Bᵀ's rows at 0, 1, −1, 2, −2, 1/2, −1/2, ∞
        const v8 d0 = D(0), d1 = D(1), d2 = D(2), d3 = D(3), d4 = D(4), d5 = D(5), d6 = D(6), d7 = D(7);
        const v8 even1 = (d2 + d6) - 4.25f * d4, odd1 = (d1 + d5) - 4.25f * d3;
        const v8 even2 = (0.25f * d2 + d6) - 1.25f * d4, odd2 = (0.5f * d1 + 2.0f * d5) - 2.5f * d3;
        const v8 evenHalf = (4.0f * d2 + d6) - 5.0f * d4, oddHalf = (2.0f * d1 + 0.5f * d5) - 2.5f * d3;
        R(0) = (d0 - d6) + 5.25f * (d4 - d2);
        R(1) = even1 + odd1;
        R(2) = even1 - odd1;
        R(3) = even2 + odd2;
        R(4) = even2 - odd2;
        R(5) = evenHalf + oddHalf;
        R(6) = evenHalf - oddHalf;
        R(7) = (d7 - d1) + 5.25f * (d3 - d5);
    } else if (a == 6) {
        const v8 d0 = D(0), d1 = D(1), d2 = D(2), d3 = D(3), d4 = D(4), d5 = D(5);
        R(0) = 4.0f * d0 - 5.0f * d2 + d4;
        R(1) = (d3 + d4) - 4.0f * (d1 + d2);
        R(2) = (d4 - d3) + 4.0f * (d1 - d2);
        R(3) = (d4 - d2) + 2.0f * (d3 - d1);
        R(4) = (d4 - d2) - 2.0f * (d3 - d1);
        R(5) = 4.0f * d1 - 5.0f * d3 + d5;
    } else {
        const v8 d0 = D(0), d1 = D(1), d2 = D(2), d3 = D(3);
        R(0) = d0 - d2;
        R(1) = d1 + d2;
        R(2) = d2 - d1;
        R(3) = d1 - d3;
    }
#undef D
#undef R
}

// One row or column of Aᵀ M: m0..m(α−1) → o0..o(m−1), eight tiles at once.
CK_INLINE void output_line(int m, int a, lanes *s, int stride, lanes *o, int ostride) {
#define S(i) VEC(s[(i) * stride])
#define O(i) VEC(o[(i) * ostride])
    if (a == 8) {                              // F(4×4, 5×5)
        const v8 s0 = S(0), s1 = S(1), s2 = S(2), s3 = S(3), s4 = S(4), s5 = S(5), s6 = S(6), s7 = S(7);
        const v8 a1 = s1 + s2, b1 = s1 - s2, a2 = s3 + s4, b2 = s3 - s4, aHalf = s5 + s6, bHalf = s5 - s6;
        O(0) = s0 + a1 + a2 + aHalf;
        O(1) = b1 + 2.0f * b2 + 0.5f * bHalf;
        O(2) = a1 + 4.0f * a2 + 0.25f * aHalf;
        O(3) = b1 + 8.0f * b2 + 0.125f * bHalf + s7;
    } else if (m == 2 && a == 6) {             // F(2×2, 5×5)
        const v8 s0 = S(0), s1 = S(1), s2 = S(2), s3 = S(3), s4 = S(4), s5 = S(5);
        O(0) = s0 + (s1 + s2) + (s3 + s4);
        O(1) = (s1 - s2) + 2.0f * (s3 - s4) + s5;
    } else if (m == 4) {
        const v8 s0 = S(0), s1 = S(1), s2 = S(2), s3 = S(3), s4 = S(4), s5 = S(5);
        const v8 a = s1 + s2, b = s1 - s2, c = s3 + s4, e = s3 - s4;
        O(0) = s0 + a + c;
        O(1) = b + 2.0f * e;
        O(2) = a + 4.0f * c;
        O(3) = b + 8.0f * e + s5;
    } else {
        const v8 s0 = S(0), s1 = S(1), s2 = S(2), s3 = S(3);
        O(0) = s0 + s1 + s2;
        O(1) = s1 - s2 - s3;
    }
#undef S
#undef O
}

// Where tiles t0 ..< t1 start, computed once per call (not once per channel and lane):
// image[i], first output row y[i] and column x[i] of tile t0 + i.
typedef struct { int *image, *y, *x; } tile_origins;

static tile_origins tile_origins_make(ck_winograd_geometry g, int t0, int t1) {
    int count = t1 - t0;
    tile_origins o = { malloc(3 * (size_t)count * sizeof(int)), 0, 0 };
    o.y = o.image + count; o.x = o.y + count;
    int perImage = g.tilesHigh * g.tilesWide, r = t0 % perImage;
    int n = t0 / perImage, ty = r / g.tilesWide, tx = r % g.tilesWide;
    for (int i = 0; i < count; i++) {
        o.image[i] = n; o.y[i] = g.m * ty; o.x[i] = g.m * tx;
        if (++tx == g.tilesWide) { tx = 0; if (++ty == g.tilesHigh) { ty = 0; n++; } }
    }
    return o;
}

// Eight tiles side by side in one tile row (the common case: every group of L that does not
// wrap to the next row or image) are m floats apart, so lane l's cell is src[m·l]: read as whole
// vectors and picked out by shuffles instead of 8 scalar loads per cell. These helpers read up to
// 4·L floats from src (past the last cell they use: ck_winograd_input_scratch leaves room).
// lanes[l] = src[m·l], m = 2 or 4
CK_INLINE void strided_lanes(const float *src, int m, float *lanes) {
    v8 v;
    if (m == 2) {
        const v8 lo = *(const v8u *)src, hi = *(const v8u *)(src + 8);
        v = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
    } else {
        const v8 a = *(const v8u *)src, b = *(const v8u *)(src + 8), c = *(const v8u *)(src + 16), d = *(const v8u *)(src + 24);
        const v8 p = __builtin_shufflevector(a, b, 0, 4, 8, 12, 0, 4, 8, 12), q = __builtin_shufflevector(c, d, 0, 4, 8, 12, 0, 4, 8, 12);
        v = __builtin_shufflevector(p, q, 0, 1, 2, 3, 8, 9, 10, 11);
    }
    memcpy(lanes, &v, sizeof v);
}

// The reverse for one output row of eight m-wide tiles: dst[m·l + j] = row[j][l], j < m (2 or 4),
// m·L contiguous floats.
CK_INLINE void interleaved_store(const lanes *row, int m, float *dst) {
    v8 o[4];
    for (int j = 0; j < m; j++) memcpy(&o[j], row[j], sizeof(v8));
    if (m == 2) {
        *(v8u *)dst = __builtin_shufflevector(o[0], o[1], 0, 8, 1, 9, 2, 10, 3, 11);
        *(v8u *)(dst + 8) = __builtin_shufflevector(o[0], o[1], 4, 12, 5, 13, 6, 14, 7, 15);
    } else {
        const v8 t0 = __builtin_shufflevector(o[0], o[1], 0, 8, 1, 9, 2, 10, 3, 11);
        const v8 t1 = __builtin_shufflevector(o[0], o[1], 4, 12, 5, 13, 6, 14, 7, 15);
        const v8 t2 = __builtin_shufflevector(o[2], o[3], 0, 8, 1, 9, 2, 10, 3, 11);
        const v8 t3 = __builtin_shufflevector(o[2], o[3], 4, 12, 5, 13, 6, 14, 7, 15);
        *(v8u *)dst = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 2, 3, 10, 11);
        *(v8u *)(dst + 8) = __builtin_shufflevector(t0, t2, 4, 5, 12, 13, 6, 7, 14, 15);
        *(v8u *)(dst + 16) = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 2, 3, 10, 11);
        *(v8u *)(dst + 24) = __builtin_shufflevector(t1, t3, 4, 5, 12, 13, 6, 7, 14, 15);
    }
}

typedef float v4 __attribute__((vector_size(16)));

// Two 4×4 transposes side by side, one in each 128-bit half: out[k][h·4 + j] = in[j][h·4 + k].
CK_INLINE void transpose4_halves(const v8 *in, v8 *out) {
    const v8 a = __builtin_shufflevector(in[0], in[1], 0, 8, 1, 9, 4, 12, 5, 13);
    const v8 b = __builtin_shufflevector(in[0], in[1], 2, 10, 3, 11, 6, 14, 7, 15);
    const v8 c = __builtin_shufflevector(in[2], in[3], 0, 8, 1, 9, 4, 12, 5, 13);
    const v8 d = __builtin_shufflevector(in[2], in[3], 2, 10, 3, 11, 6, 14, 7, 15);
    out[0] = __builtin_shufflevector(a, c, 0, 1, 8, 9, 4, 5, 12, 13);
    out[1] = __builtin_shufflevector(a, c, 2, 3, 10, 11, 6, 7, 14, 15);
    out[2] = __builtin_shufflevector(b, d, 0, 1, 8, 9, 4, 5, 12, 13);
    out[3] = __builtin_shufflevector(b, d, 2, 3, 10, 11, 6, 7, 14, 15);
}

// One row of eight m×m tiles, one per lane: cells[j][l] = cell j of lane l's row (j < m, m = 2
// or 4) → row[l], lane l's m cells in its low floats (the rest unused).
CK_INLINE void lane_rows(const lanes *cells, int m, v4 *row) {
    if (m == 2) {
        const v8 c0 = VEC(cells[0]), c1 = VEC(cells[1]);
        const v8 lo = __builtin_shufflevector(c0, c1, 0, 8, 1, 9, 4, 12, 5, 13);    // lanes 0, 1 | 4, 5
        const v8 hi = __builtin_shufflevector(c0, c1, 2, 10, 3, 11, 6, 14, 7, 15);  // lanes 2, 3 | 6, 7
        row[0] = __builtin_shufflevector(lo, lo, 0, 1, 0, 1); row[1] = __builtin_shufflevector(lo, lo, 2, 3, 2, 3);
        row[4] = __builtin_shufflevector(lo, lo, 4, 5, 4, 5); row[5] = __builtin_shufflevector(lo, lo, 6, 7, 6, 7);
        row[2] = __builtin_shufflevector(hi, hi, 0, 1, 0, 1); row[3] = __builtin_shufflevector(hi, hi, 2, 3, 2, 3);
        row[6] = __builtin_shufflevector(hi, hi, 4, 5, 4, 5); row[7] = __builtin_shufflevector(hi, hi, 6, 7, 6, 7);
    } else {
        const v8 in[4] = {VEC(cells[0]), VEC(cells[1]), VEC(cells[2]), VEC(cells[3])};
        v8 u[4];                              // u[k] = lane k's row | lane k + 4's row
        transpose4_halves(in, u);
        for (int k = 0; k < 4; k++) {
            row[k] = __builtin_shufflevector(u[k], u[k], 0, 1, 2, 3);
            row[k + 4] = __builtin_shufflevector(u[k], u[k], 4, 5, 6, 7);
        }
    }
}

// The reverse of lane_rows: row[l] holds lane l's m cells of one tile row (the rest unused) →
// cells[j][l] = row[l][j], j < m.
CK_INLINE void tile_cells(const v4 *row, int m, lanes *cells) {
    v8 u[4], out[4];                         // u[k] = lane k's row | lane k + 4's row
    for (int k = 0; k < 4; k++) u[k] = __builtin_shufflevector(row[k], row[k + 4], 0, 1, 2, 3, 4, 5, 6, 7);
    transpose4_halves(u, out);
    for (int j = 0; j < m; j++) VEC(cells[j]) = out[j];
}

// Whether tiles i, …, i + L − 1 of a call (all L present) lie side by side in one tile row.
CK_INLINE int side_by_side(tile_origins o, int i) {
    return o.image[i] == o.image[i + L - 1] && o.y[i] == o.y[i + L - 1];
}

CK_INLINE void ck_winograd_input_a(int a, ck_winograd_geometry g, const float *src, ck_planes planes,
                                   int channels, int c0, int c1, int t0, int t1,
                                   float *V, size_t ldV, float *scratch) {
    const int hp = padded_height(g), wp = padded_width(g), pad = (g.r - 1) / 2;
    const size_t plane = (size_t)hp * wp, block = ck_winograd_block(channels, ldV);
    if (t1 <= t0) return;
    tile_origins origin = tile_origins_make(g, t0, t1);
    // padded: (N, Hp, Wp), the image at rows/columns pad … pad + H − 1, zeros around it. Only the
    // band of padded rows that tiles t0 ..< t1 read in each image they lie in is written (a few
    // tiles' worth when the threads take the tiles a few dozen at a time), its zero border once
    // per call: each channel overwrites just the band's interior.
    const int first = origin.image[0], last = origin.image[t1 - t0 - 1];
    const int lastTileRow = g.m * (g.tilesHigh - 1);
    for (int n = first; n <= last; n++) {
        const int top = n == first ? origin.y[0] : 0, bottom = (n == last ? origin.y[t1 - t0 - 1] : lastTileRow) + a - 1;
        memset(scratch + n * plane + (size_t)top * wp, 0, (size_t)(bottom - top + 1) * wp * sizeof(float));
    }
    for (int c = c0; c < c1; c++) {
        for (int n = first; n <= last; n++) {
            const float *image = src + (size_t)c * planes.channel + (size_t)n * planes.image;
            const int top = n == first ? origin.y[0] : 0, bottom = (n == last ? origin.y[t1 - t0 - 1] : lastTileRow) + a - 1;
            const int y0 = top - pad < 0 ? 0 : top - pad, y1 = bottom - pad + 1 < g.height ? bottom - pad + 1 : g.height;
            for (int y = y0; y < y1; y++)
                memcpy(scratch + n * plane + (size_t)(y + pad) * wp + pad, image + (size_t)y * g.width, g.width * sizeof(float));
        }
        for (int t = t0; t < t1; t += L) {
            int count = t1 - t < L ? t1 - t : L;
            const float *tile[L];
            for (int l = 0; l < L; l++) {
                int i = t - t0 + (l < count ? l : count - 1);
                tile[l] = scratch + origin.image[i] * plane + (size_t)origin.y[i] * wp + origin.x[i];   // padded row y = input row y − pad
            }
            lanes d[MAX_CELLS], u[MAX_CELLS], v[MAX_CELLS];            // (α, α) tiles, row-major
            // F(2×2)'s eight tiles side by side: each cell's lanes in 3 instructions (strided_lanes);
            // otherwise (F(4×4): 7 a cell there) the rows through transposes
            if (count == L && side_by_side(origin, t - t0) && g.m == 2) {
                for (int r = 0; r < a; r++)
                    for (int s = 0; s < a; s++) strided_lanes(tile[0] + r * wp + s, g.m, d[r * a + s]);
            } else {
                // Row r of each lane's tile as one 8-float load (α ≤ 8 of them used; the reads past
                // a row's end stay inside the scratch, ck_winograd_input_scratch), turned to columns.
                for (int r = 0; r < a; r++) {
                    v8 rows[L];
                    for (int l = 0; l < L; l++) rows[l] = *(const v8u *)(tile[l] + r * wp);
                    ck_transpose8(rows);                        // rows[s] = column s of the eight tiles
                    for (int s = 0; s < a; s++) VEC(d[r * a + s]) = rows[s];
                }
            }
            for (int s = 0; s < a; s++) input_line(a, d + s, a, u + s, a);      // Bᵀ d, column by column
            for (int r = 0; r < a; r++) input_line(a, u + r * a, 1, v + r * a, 1); // (Bᵀ d) B, row by row
            for (int xi = 0; xi < a * a; xi++) {
                float *out = V + (size_t)xi * block + (size_t)c * ldV + (t - t0);
                if (count == L) memcpy(out, v[xi], sizeof(lanes));
                else for (int l = 0; l < count; l++) out[l] = v[xi][l];
            }
        }
    }
    free(origin.image);
}

CK_INLINE void ck_winograd_input_body(ck_winograd_geometry g, const float *src, ck_planes planes,
                                      int channels, int c0, int c1, int t0, int t1,
                                      float *V, size_t ldV, float *scratch) {
    if (g.m + g.r - 1 == 8) ck_winograd_input_a(8, g, src, planes, channels, c0, c1, t0, t1, V, ldV, scratch);
    else if (g.m + g.r - 1 == 6) ck_winograd_input_a(6, g, src, planes, channels, c0, c1, t0, t1, V, ldV, scratch);
    else ck_winograd_input_a(4, g, src, planes, channels, c0, c1, t0, t1, V, ldV, scratch);
}

CK_INLINE void ck_winograd_output_m(int m, int a, ck_winograd_geometry g, const float *M, size_t ldM,
                                    int outChannels, int k0, int k1, int t0, int t1,
                                    const float *bias, int relu, float *dst, ck_planes planes) {
    tile_origins origin = tile_origins_make(g, t0, t1);
    const size_t block = ck_winograd_block(outChannels, ldM);
    for (int k = k0; k < k1; k++) {
        const float shift = bias ? bias[k] : 0;
        for (int t = t0; t < t1; t += L) {
            int count = t1 - t < L ? t1 - t : L;
            lanes s[MAX_CELLS], w[4 * MAX_ALPHA], o[16];   // s: (α, α), w = Aᵀ s: (m, α), o = w A: (m, m)
            for (int xi = 0; xi < a * a; xi++) {
                const float *in = M + (size_t)xi * block + (size_t)k * ldM + (t - t0);
                if (count == L) memcpy(s[xi], in, sizeof(lanes));
                else for (int l = 0; l < L; l++) s[xi][l] = l < count ? in[l] : 0;
            }
            for (int j = 0; j < a; j++) output_line(m, a, s + j, a, w + j, a);
            for (int i = 0; i < m; i++) output_line(m, a, w + i * a, 1, o + i * m, 1);
            for (int i = 0; i < m * m; i++) {
                const v8 value = VEC(o[i]) + shift, zero = {0};
                VEC(o[i]) = relu ? (v8)((i8)value & ~(i8)(value < zero)) : value;     // a NaN stays NaN
            }
            const int first = t - t0;
            if (count == L && side_by_side(origin, first) && origin.y[first] + m <= g.height
                && origin.x[first + L - 1] + m <= g.width) {            // eight whole tiles in a row
                float *corner = dst + (size_t)k * planes.channel + (size_t)origin.image[first] * planes.image
                                + (size_t)origin.y[first] * g.width + origin.x[first];
                for (int i = 0; i < m; i++) interleaved_store(o + i * m, m, corner + (size_t)i * g.width);
                continue;
            }
            int whole = count == L;               // every lane's tile inside the map
            float *corner[L];
            for (int l = 0; l < count; l++) {
                const int i0 = t - t0 + l, y0 = origin.y[i0], x0 = origin.x[i0];
                corner[l] = dst + (size_t)k * planes.channel + (size_t)origin.image[i0] * planes.image + (size_t)y0 * g.width + x0;
                whole &= y0 + m <= g.height && x0 + m <= g.width;
            }
            if (whole) {                          // each lane's row i: m floats in one store
                for (int i = 0; i < m; i++) {
                    v4 row[L];
                    lane_rows(o + i * m, m, row);
                    for (int l = 0; l < L; l++) memcpy(corner[l] + (size_t)i * g.width, &row[l], (size_t)m * sizeof(float));
                }
                continue;
            }
            for (int l = 0; l < count; l++) {
                const int i0 = t - t0 + l, y0 = origin.y[i0], x0 = origin.x[i0];
                float *corner = dst + (size_t)k * planes.channel + (size_t)origin.image[i0] * planes.image + (size_t)y0 * g.width + x0;
                if (y0 + m <= g.height && x0 + m <= g.width) {       // a whole tile: no checks
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < m; j++) corner[(size_t)i * g.width + j] = o[i * m + j][l];
                } else {
                    int rows = g.height - y0 < m ? g.height - y0 : m, cols = g.width - x0 < m ? g.width - x0 : m;
                    for (int i = 0; i < rows; i++)
                        for (int j = 0; j < cols; j++) corner[(size_t)i * g.width + j] = o[i * m + j][l];
                }
            }
        }
    }
    free(origin.image);
}

CK_INLINE void ck_winograd_output_body(ck_winograd_geometry g, const float *M, size_t ldM,
                                       int outChannels, int k0, int k1, int t0, int t1,
                                       const float *bias, int relu, float *dst, ck_planes planes) {
    if (g.m == 4 && g.r == 5) ck_winograd_output_m(4, 8, g, M, ldM, outChannels, k0, k1, t0, t1, bias, relu, dst, planes);
    else if (g.m == 4) ck_winograd_output_m(4, 6, g, M, ldM, outChannels, k0, k1, t0, t1, bias, relu, dst, planes);
    else if (g.r == 5) ck_winograd_output_m(2, 6, g, M, ldM, outChannels, k0, k1, t0, t1, bias, relu, dst, planes);
    else ck_winograd_output_m(2, 4, g, M, ldM, outChannels, k0, k1, t0, t1, bias, relu, dst, planes);
}

CK_DISPATCH_REGISTERS(ck_winograd_input,
            (ck_winograd_geometry g, const float *src, ck_planes planes, int channels, int c0, int c1, int t0, int t1,
             float *V, size_t ldV, float *scratch),
            (g, src, planes, channels, c0, c1, t0, t1, V, ldV, scratch))

CK_DISPATCH_REGISTERS(ck_winograd_output,
            (ck_winograd_geometry g, const float *M, size_t ldM, int outChannels, int k0, int k1, int t0, int t1,
             const float *bias, int relu, float *dst, ck_planes planes),
            (g, M, ldM, outChannels, k0, k1, t0, t1, bias, relu, dst, planes))

// G (α × r) of F(2×2, 3×3) (interpolating at 0, ±1 and ∞), F(4×4, 3×3) and F(2×2, 5×5) (both at
// 0, ±1, ±2 and ∞), F(4×4, 5×5) (at 0, ±1, ±2, ±1/2 and ∞; the rows in Bᵀ's order, computed by
// bench/winograd_error.py): the filter transform u = G g Gᵀ (Lavin & Gray's), row by row, for the
// training path's convolutions and the fast path's plans alike (WinogradConvOp.transform).
static const float filter_transform_f2_3[4 * 3] = {1, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0, 0, 1};
static const float filter_transform_f4_3[6 * 3] = {
    1.0f / 4, 0, 0,   -1.0f / 6, -1.0f / 6, -1.0f / 6,   -1.0f / 6, 1.0f / 6, -1.0f / 6,
    1.0f / 24, 1.0f / 12, 1.0f / 6,   1.0f / 24, -1.0f / 12, 1.0f / 6,   0, 0, 1};
static const float filter_transform_f2_5[6 * 5] = {
    1.0f / 4, 0, 0, 0, 0,   -1.0f / 6, -1.0f / 6, -1.0f / 6, -1.0f / 6, -1.0f / 6,
    -1.0f / 6, 1.0f / 6, -1.0f / 6, 1.0f / 6, -1.0f / 6,   1.0f / 24, 1.0f / 12, 1.0f / 6, 1.0f / 3, 2.0f / 3,
    1.0f / 24, -1.0f / 12, 1.0f / 6, -1.0f / 3, 2.0f / 3,   0, 0, 0, 0, 1};
static const float filter_transform_f4_5[8 * 5] = {
    1, 0, 0, 0, 0,
    -2.0f / 9, -2.0f / 9, -2.0f / 9, -2.0f / 9, -2.0f / 9,
    -2.0f / 9, 2.0f / 9, -2.0f / 9, 2.0f / 9, -2.0f / 9,
    1.0f / 90, 1.0f / 45, 2.0f / 45, 4.0f / 45, 8.0f / 45,
    1.0f / 90, -1.0f / 45, 2.0f / 45, -4.0f / 45, 8.0f / 45,
    32.0f / 45, 16.0f / 45, 8.0f / 45, 4.0f / 45, 2.0f / 45,
    32.0f / 45, -16.0f / 45, 8.0f / 45, -4.0f / 45, 2.0f / 45,
    0, 0, 0, 0, 1};

// Lane l of g (r·r vectors) = the filter (o, c) of w (K, C, r, r), turned by 180° when flip.
CK_INLINE void load_filter(v8 *g, int l, const float *w, int o, int c, int inChannels, int taps, int flip) {
    const float *src = w + ((size_t)o * inChannels + c) * taps;
    for (int i = 0; i < taps; i++) g[i][l] = flip ? src[taps - 1 - i] : src[i];
}

// u = G g Gᵀ (α × α) of eight r × r filters g, one per lane: G is (α, r)
CK_INLINE void filter_transform(const int a, const int r, const float *G, const v8 *g, v8 *u) {
    v8 t[MAX_ALPHA * 5];
    for (int i = 0; i < a; i++)                       // t = G g: (α, r)
        for (int j = 0; j < r; j++) {
            v8 sum = G[i * r] * g[j];
            for (int s = 1; s < r; s++) sum += G[i * r + s] * g[s * r + j];
            t[r * i + j] = sum;
        }
    for (int i = 0; i < a; i++)                       // u = t Gᵀ: (α, α)
        for (int j = 0; j < a; j++) {
            v8 sum = t[r * i] * G[j * r];
            for (int s = 1; s < r; s++) sum += t[r * i + s] * G[j * r + s];
            u[a * i + j] = sum;
        }
}

// F(m×m, r×r)'s filter transform u = G g Gᵀ (α = m + r − 1) of a (K, C, r, r) weight into
// U[ξ] (rows, cols), rows [r0, r1) of it. flip = 0: the forward's U (α², K, C); flip = 1: the
// input gradient's U (α², C, K), whose filter (c, o) is g[o][c] turned by 180°. Eight filters
// at a time, one per lane; each U row is written left to right (α² streams of contiguous stores).
// w: (K, C, r, r) → U: (α², K, C) or (α², C, K)
CK_INLINE void filters_body(const int m, const int r, const float *G, const float *w, int outChannels, int inChannels,
                            int r0, int r1, int flip, float *U) {
    const int a = m + r - 1, taps = r * r;
    const size_t plane = (size_t)outChannels * inChannels;
    const int cols = flip ? outChannels : inChannels;
    for (int row = r0; row < r1; row++)
        for (int col0 = 0; col0 < cols; col0 += L) {
            const int count = cols - col0 < L ? cols - col0 : L;
            v8 g[5 * 5], u[MAX_CELLS];
            for (int l = 0; l < L; l++) {
                const int col = col0 + (l < count ? l : count - 1);
                load_filter(g, l, w, flip ? col : row, flip ? row : col, inChannels, taps, flip);
            }
            filter_transform(a, r, G, g, u);
            float *out = U + (size_t)row * cols + col0;
            for (int xi = 0; xi < a * a; xi++) {
                if (count == L) *(v8u *)(out + xi * plane) = u[xi];
                else for (int l = 0; l < count; l++) out[xi * plane + l] = u[xi][l];
            }
        }
}

// The entry point `name` (dispatched by instruction set) of a filter transform body: it calls
// body(m, r, G, …) with m and r as constants (so the transform's loops unroll) and G the filter
// transform matrix of F(4×4, 5×5), F(2×2, 5×5), F(4×4, 3×3) or F(2×2, 3×3); first ..< last are the rows (or
// panels) of U to write.
#define FILTER_TRANSFORM_ENTRY(name, body)                                                              \
    CK_INLINE void name##_body(int m, int r, const float *w, int outChannels, int inChannels, int first, \
                               int last, int flip, float *out) {                                       \
        if (r == 5 && m == 4) body(4, 5, filter_transform_f4_5, w, outChannels, inChannels, first, last, flip, out); \
        else if (r == 5) body(2, 5, filter_transform_f2_5, w, outChannels, inChannels, first, last, flip, out); \
        else if (m == 4) body(4, 3, filter_transform_f4_3, w, outChannels, inChannels, first, last, flip, out); \
        else body(2, 3, filter_transform_f2_3, w, outChannels, inChannels, first, last, flip, out);             \
    }                                                                                                   \
    CK_DISPATCH(name, (int m, int r, const float *w, int outChannels, int inChannels, int first, int last, int flip, float *out), \
                (m, r, w, outChannels, inChannels, first, last, flip, out))

FILTER_TRANSFORM_ENTRY(ck_winograd_filters, filters_body)

// The same U, written straight into ck_gemm's packed layout instead of (α², rows, cols) for
// ck_gemm_pack to copy: U[ξ] at packed + ξ·ck_gemm_packed_size(rows, cols), in panels of MR rows,
// panel p (cols, MR) at + p·cols·MR, zero rows past the last. A panel's MR rows go in lanes
// 0 ..< MR (the other lanes transform zeros and are dropped), one column at a time: the same
// arithmetic per filter as filters_body, so the same bits.
// w: (K, C, r, r) → panels [p0, p1) of U[ξ] (rows, cols) packed, rows = K, cols = C (or turned: C, K)
CK_INLINE void filters_packed_body(const int m, const int r, const float *G, const float *w, int outChannels, int inChannels,
                                   int p0, int p1, int flip, float *packed) {
    const int a = m + r - 1, taps = r * r;
    const int rows = flip ? inChannels : outChannels, cols = flip ? outChannels : inChannels;
    const size_t size = ck_gemm_packed_size(rows, cols);
    enum { columns = 16 };           // transformed together, then written out a ξ at a time
    for (int p = p0; p < p1; p++) {
        const int first = p * CK_GEMM_PANEL_ROWS, live = rows - first < CK_GEMM_PANEL_ROWS ? rows - first : CK_GEMM_PANEL_ROWS;
        for (int col0 = 0; col0 < cols; col0 += columns) {
            const int count = cols - col0 < columns ? cols - col0 : columns;
            // [ξ][column][row]: each ξ's run as it lies in U[ξ]; a column's whole vector is stored
            // (its two lanes past MR run into the next column, written after it, or the spare one)
            float block[MAX_CELLS][columns + 1][CK_GEMM_PANEL_ROWS];
            const i8 lane = {0, 1, 2, 3, 4, 5, 6, 7}, keep = lane < live;     // rows past the last are zeros
            v8 g[5 * 5] = {{0}}, u[MAX_CELLS];   // lanes MR ..< L stay zero
            for (int j = 0; j < count; j++) {
                const int col = col0 + j;
                for (int l = 0; l < CK_GEMM_PANEL_ROWS; l++) {
                    const int row = first + (l < live ? l : live - 1);
                    load_filter(g, l, w, flip ? col : row, flip ? row : col, inChannels, taps, flip);
                }
                filter_transform(a, r, G, g, u);
                for (int xi = 0; xi < a * a; xi++) *(v8u *)block[xi][j] = (v8)((i8)u[xi] & keep);
            }
            // One contiguous run per ξ: the α² U[ξ] lie a multiple of 4 KB apart for many shapes,
            // so writing all of them a column at a time would keep evicting each other's lines.
            float *out = packed + ((size_t)p * cols + col0) * CK_GEMM_PANEL_ROWS;
            for (int xi = 0; xi < a * a; xi++) memcpy(out + xi * size, block[xi], (size_t)count * sizeof block[xi][0]);
        }
    }
}

FILTER_TRANSFORM_ENTRY(ck_winograd_filters_packed, filters_packed_body)

// The weight gradient of F(m×m, r×r): F(2×2, 3×3), F(4×4, 3×3), F(2×2, 5×5) and F(4×4, 5×5). The forward is
// y = Aᵀ [Σ_c U ⊙ V] A per tile, with U = G g Gᵀ; so the loss's gradient reaches the sum
// S = Σ_c U ⊙ V as A dY Aᵀ, U as Σ_tiles (A dY Aᵀ) ⊙ V, and g as Gᵀ [that] G. Two transforms, the
// GEMMs between them (M[ξ] (K, C) = Ŷ[ξ] (K, T) × V[ξ]ᵀ (T, C)) run in Swift.
//
// A (α × m) is the transpose of output_line's Aᵀ: F(2×2, 3×3)'s [1 0; 1 1; 1 −1; 0 −1] turns a
// pair (p, q) into (p, p + q, p − q, −q); F(2×2, 5×5)'s into (p, p + q, p − q, p + 2q, p − 2q, q);
// F(4×4, 3×3)'s turns (p0, p1, p2, p3) into (p0, p0 + p1 + p2 + p3, p0 − p1 + p2 − p3,
// p0 + 2p1 + 4p2 + 8p3, p0 − 2p1 + 4p2 − 8p3, p3); F(4×4, 5×5)'s into the same five and
// p0 ± p1/2 + p2/4 ± p3/8 before p3.
CK_INLINE void gradient_line(int m, int a, lanes *p, int stride, lanes *r, int rstride) {
#define P(i) VEC(p[(i) * stride])
#define R(i) VEC(r[(i) * rstride])
    if (a == 8) {                              // F(4×4, 5×5)
        const v8 p0 = P(0), p1 = P(1), p2 = P(2), p3 = P(3);
        const v8 even = p0 + p2, odd = p1 + p3, even4 = p0 + 4.0f * p2, odd8 = 2.0f * p1 + 8.0f * p3;
        const v8 evenHalf = p0 + 0.25f * p2, oddHalf = 0.5f * p1 + 0.125f * p3;
        R(0) = p0; R(1) = even + odd; R(2) = even - odd; R(3) = even4 + odd8; R(4) = even4 - odd8;
        R(5) = evenHalf + oddHalf; R(6) = evenHalf - oddHalf; R(7) = p3;
    } else if (m == 2 && a == 6) {             // F(2×2, 5×5)
        const v8 p0 = P(0), p1 = P(1), p2 = 2.0f * p1;
        R(0) = p0; R(1) = p0 + p1; R(2) = p0 - p1; R(3) = p0 + p2; R(4) = p0 - p2; R(5) = p1;
    } else if (m == 4) {
        const v8 p0 = P(0), p1 = P(1), p2 = P(2), p3 = P(3);
        const v8 even = p0 + p2, odd = p1 + p3, even4 = p0 + 4.0f * p2, odd8 = 2.0f * p1 + 8.0f * p3;
        R(0) = p0; R(1) = even + odd; R(2) = even - odd; R(3) = even4 + odd8; R(4) = even4 - odd8; R(5) = p3;
    } else {
        const v8 p0 = P(0), p1 = P(1);
        R(0) = p0; R(1) = p0 + p1; R(2) = p0 - p1; R(3) = -p1;
    }
#undef P
#undef R
}

// Ŷ = A dY Aᵀ of each m×m tile of the output gradient. Cells of a tile cut by the border are zero.
// gy: K × N planes of H×W, laid out as `planes` says → Ŷ: α² blocks (K, ldY), Ŷ[ξ·ck_winograd_block(K, ldY) + k·ldY + (t − t0)]
CK_INLINE void gradient_tiles(const int m, const int r, ck_winograd_geometry g, const float *gy, ck_planes planes,
                              int channels, int k0, int k1, int t0, int t1, float *Y, size_t ldY) {
    if (t1 <= t0) return;
    const int a = m + r - 1;
    tile_origins origin = tile_origins_make(g, t0, t1);
    const size_t block = ck_winograd_block(channels, ldY);
    for (int k = k0; k < k1; k++) {
        const float *channel = gy + (size_t)k * planes.channel;
        for (int t = t0; t < t1; t += L) {
            int count = t1 - t < L ? t1 - t : L;
            lanes d[4 * 4], w[MAX_ALPHA * 4], y[MAX_CELLS];   // d: dY (m, m); w = A dY: (α, m); y = w Aᵀ: (α, α)
            const int first = t - t0;
            if (count == L && side_by_side(origin, first) && origin.y[first] + m <= g.height
                && origin.x[first + L - 1] + m <= g.width) {            // eight whole tiles in a row
                const float *corner = channel + (size_t)origin.image[first] * planes.image
                                      + (size_t)origin.y[first] * g.width + origin.x[first];
                for (int i = 0; i < m; i++) {       // row i of the eight tiles: m·L floats, lane l's cell j at m·l + j
                    const float *row = corner + (size_t)i * g.width;
                    if (m == 2) {
                        const v8 lo = *(const v8u *)row, hi = *(const v8u *)(row + 8);
                        VEC(d[2 * i]) = __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
                        VEC(d[2 * i + 1]) = __builtin_shufflevector(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15);
                    } else {
                        const v8 q0 = *(const v8u *)row, q1 = *(const v8u *)(row + 8);
                        const v8 q2 = *(const v8u *)(row + 16), q3 = *(const v8u *)(row + 24);
                        const v8 lo0 = __builtin_shufflevector(q0, q1, 0, 4, 8, 12, 1, 5, 9, 13);   // tiles 0–3: cells 0, 1
                        const v8 lo1 = __builtin_shufflevector(q0, q1, 2, 6, 10, 14, 3, 7, 11, 15);  // tiles 0–3: cells 2, 3
                        const v8 hi0 = __builtin_shufflevector(q2, q3, 0, 4, 8, 12, 1, 5, 9, 13);   // tiles 4–7
                        const v8 hi1 = __builtin_shufflevector(q2, q3, 2, 6, 10, 14, 3, 7, 11, 15);
                        VEC(d[4 * i]) = __builtin_shufflevector(lo0, hi0, 0, 1, 2, 3, 8, 9, 10, 11);
                        VEC(d[4 * i + 1]) = __builtin_shufflevector(lo0, hi0, 4, 5, 6, 7, 12, 13, 14, 15);
                        VEC(d[4 * i + 2]) = __builtin_shufflevector(lo1, hi1, 0, 1, 2, 3, 8, 9, 10, 11);
                        VEC(d[4 * i + 3]) = __builtin_shufflevector(lo1, hi1, 4, 5, 6, 7, 12, 13, 14, 15);
                    }
                }
            } else {
                // Each lane's tile a row of m floats at a time (one load for a whole row, cell by
                // cell at the border), turned into m columns of eight lanes.
                const float *corner[L];
                int rows[L], cols[L];                 // how much of each lane's tile lies inside
                for (int l = 0; l < L; l++) {
                    const int i = t - t0 + (l < count ? l : count - 1), y0 = origin.y[i], x0 = origin.x[i];
                    corner[l] = channel + (size_t)origin.image[i] * planes.image + (size_t)y0 * g.width + x0;
                    rows[l] = g.height - y0 < m ? g.height - y0 : m;
                    cols[l] = g.width - x0 < m ? g.width - x0 : m;
                }
                for (int u = 0; u < m; u++) {
                    v4 row[L];
                    for (int l = 0; l < L; l++) {
                        row[l] = (v4){0, 0, 0, 0};
                        const float *cells = corner[l] + (size_t)u * g.width;
                        if (u < rows[l] && cols[l] == m) memcpy(&row[l], cells, (size_t)m * sizeof(float));
                        else if (u < rows[l]) for (int v = 0; v < cols[l]; v++) row[l][v] = cells[v];
                    }
                    tile_cells(row, m, d + m * u);
                }
            }
            for (int b = 0; b < m; b++) gradient_line(m, a, d + b, m, w + b, m);        // columns of dY
            for (int i = 0; i < a; i++) gradient_line(m, a, w + m * i, 1, y + a * i, 1); // rows of A dY
            for (int xi = 0; xi < a * a; xi++) {
                float *out = Y + (size_t)xi * block + (size_t)k * ldY + (t - t0);
                if (count == L) memcpy(out, y[xi], sizeof(lanes));
                else for (int l = 0; l < count; l++) out[l] = y[xi][l];
            }
        }
    }
    free(origin.image);
}

CK_INLINE void ck_winograd_gradient_tiles_body(ck_winograd_geometry g, const float *gy, ck_planes planes,
                                               int channels, int k0, int k1, int t0, int t1,
                                               float *Y, size_t ldY) {
    if (g.m == 4 && g.r == 5) gradient_tiles(4, 5, g, gy, planes, channels, k0, k1, t0, t1, Y, ldY);
    else if (g.m == 4) gradient_tiles(4, 3, g, gy, planes, channels, k0, k1, t0, t1, Y, ldY);
    else if (g.r == 5) gradient_tiles(2, 5, g, gy, planes, channels, k0, k1, t0, t1, Y, ldY);
    else gradient_tiles(2, 3, g, gy, planes, channels, k0, k1, t0, t1, Y, ldY);
}

CK_DISPATCH_REGISTERS(ck_winograd_gradient_tiles,
            (ck_winograd_geometry g, const float *gy, ck_planes planes, int channels, int k0, int k1, int t0, int t1,
             float *Y, size_t ldY),
            (g, gy, planes, channels, k0, k1, t0, t1, Y, ldY))

// dg = Gᵀ M G of each filter (k, c) for k in [k0, k1), G (α × r) the forward's (the tables above).
// Eight input channels at a time, one per lane.
// M: (α², K, C) → dw: (K, C, r, r), written (accumulate = 0) or added to (accumulate = 1)
CK_INLINE void filter_gradient(const int m, const int r, const float *G, const float *M, int outChannels, int inChannels,
                               int k0, int k1, int accumulate, float *dw) {
    const int a = m + r - 1, taps = r * r;
    const size_t plane = (size_t)outChannels * inChannels;
    for (int k = k0; k < k1; k++)
        for (int c = 0; c < inChannels; c += L) {
            const int count = inChannels - c < L ? inChannels - c : L;
            v8 mv[MAX_CELLS], t[5 * MAX_ALPHA], u[5 * 5];   // m: (α, α); t = Gᵀ m: (r, α); u = t G: (r, r)
            for (int xi = 0; xi < a * a; xi++) {
                const float *in = M + xi * plane + (size_t)k * inChannels + c;
                if (count == L) mv[xi] = *(const v8u *)in;
                else for (int l = 0; l < L; l++) mv[xi][l] = l < count ? in[l] : 0;
            }
            for (int i = 0; i < r; i++)
                for (int j = 0; j < a; j++) {
                    v8 sum = G[i] * mv[j];
                    for (int s = 1; s < a; s++) sum += G[s * r + i] * mv[a * s + j];
                    t[a * i + j] = sum;
                }
            for (int i = 0; i < r; i++)
                for (int j = 0; j < r; j++) {
                    v8 sum = t[a * i] * G[j];
                    for (int s = 1; s < a; s++) sum += t[a * i + s] * G[s * r + j];
                    u[r * i + j] = sum;
                }
            for (int l = 0; l < count; l++) {
                float *filter = dw + ((size_t)k * inChannels + c + l) * taps;
                for (int i = 0; i < taps; i++) filter[i] = accumulate ? filter[i] + u[i][l] : u[i][l];
            }
        }
}

CK_INLINE void ck_winograd_filter_gradient_body(int m, int r, const float *M, int outChannels, int inChannels, int k0, int k1,
                                                int accumulate, float *dw) {
    if (m == 4 && r == 5) filter_gradient(4, 5, filter_transform_f4_5, M, outChannels, inChannels, k0, k1, accumulate, dw);
    else if (m == 4) filter_gradient(4, 3, filter_transform_f4_3, M, outChannels, inChannels, k0, k1, accumulate, dw);
    else if (r == 5) filter_gradient(2, 5, filter_transform_f2_5, M, outChannels, inChannels, k0, k1, accumulate, dw);
    else filter_gradient(2, 3, filter_transform_f2_3, M, outChannels, inChannels, k0, k1, accumulate, dw);
}

CK_DISPATCH(ck_winograd_filter_gradient,
            (int m, int r, const float *M, int outChannels, int inChannels, int k0, int k1, int accumulate, float *dw),
            (m, r, M, outChannels, inChannels, k0, k1, accumulate, dw))

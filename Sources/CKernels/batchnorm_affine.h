// BatchNorm's output before its ReLU, v = x·scale + shift, rounded the same way by the forward
// (ck_scale_shift) and by the fused BatchNorm + ReLU backward (whose mask is v > 0): a product,
// then a sum, never one FMA (its single rounding could put v on the other side of 0), on every
// instruction set, so the backward's mask is the forward's ReLU bit for bit.
#ifndef CKERNELS_BATCHNORM_AFFINE_H
#define CKERNELS_BATCHNORM_AFFINE_H
#include "dispatch.h"

CK_INLINE float bn_affine(float x, float scale, float shift) {
#pragma clang fp contract(off)
    return x * scale + shift;
}

typedef float bn_v8 __attribute__((vector_size(32)));

// Eight at once (by pointer: a 32-byte vector passed by value would change the baseline ABI).
CK_INLINE void bn_affine8(const bn_v8 *x, float scale, float shift, bn_v8 *v) {
#pragma clang fp contract(off)
    *v = *x * scale + shift;
}

#endif

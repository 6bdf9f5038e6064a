// Run-time choice of instruction set: each kernel body is written once as an always-inline
// function and compiled twice, for AVX2+FMA and for the x86-64 baseline (or once elsewhere);
// a body written for a vector width (`_8`, `_16` lanes) also for AVX-512 (CK_DISPATCH_LANES).
#ifndef CKERNELS_DISPATCH_H
#define CKERNELS_DISPATCH_H

#define CK_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__)
int ck_has_avx2(void);
/// ck_has_avx2() unless a test forced the baseline (ck_force_baseline).
int ck_dispatch_avx2(void);
int ck_has_avx512(void);
/// ck_has_avx512() unless a test or INCEPTION_ISA held the kernels lower (ck_force_isa).
int ck_dispatch_avx512(void);
#define CK_DISPATCH(name, params, args)                                              \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params { name##_body args; } \
    static void name##_baseline params { name##_body args; }                         \
    void name params { if (ck_dispatch_avx2()) name##_avx2 args; else name##_baseline args; }
/// The same for a kernel that returns a value of `type`.
#define CK_DISPATCH_RETURNING(type, name, params, args)                                     \
    __attribute__((target("avx2,fma"))) static type name##_avx2 params { return name##_body args; } \
    static type name##_baseline params { return name##_body args; }                         \
    type name params { return ck_dispatch_avx2() ? name##_avx2 args : name##_baseline args; }
/// Three builds of `name`: `wide` on AVX-512 (with VL), `narrow` on AVX2 and on the baseline.
#define CK_DISPATCH_THREE(name, params, wide, narrow, args)                                           \
    __attribute__((target("avx512f,avx512vl,avx2,fma"))) static void name##_avx512 params { wide args; } \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params { narrow args; }                \
    static void name##_baseline params { narrow args; }                                                \
    void name params {                                                                                 \
        if (ck_dispatch_avx512()) name##_avx512 args;                                                  \
        else if (ck_dispatch_avx2()) name##_avx2 args;                                                 \
        else name##_baseline args;                                                                     \
    }
/// CK_DISPATCH with a third build for AVX-512: the same body, eight lanes wide, but with 32 vector
/// registers instead of 16, for bodies whose temporaries spill on AVX2.
#define CK_DISPATCH_REGISTERS(name, params, args) CK_DISPATCH_THREE(name, params, name##_body, name##_body, args)
/// `name` by body##_16 on AVX-512, body##_8 on AVX2 and the baseline.
#define CK_DISPATCH_LANES(name, body, params, args) CK_DISPATCH_THREE(name, params, body##_16, body##_8, args)
#else
#define CK_DISPATCH(name, params, args) void name params { name##_body args; }
#define CK_DISPATCH_LANES(name, body, params, args) void name params { body##_8 args; }
#define CK_DISPATCH_REGISTERS(name, params, args) CK_DISPATCH(name, params, args)
#define CK_DISPATCH_RETURNING(type, name, params, args) type name params { return name##_body args; }
#endif

#endif

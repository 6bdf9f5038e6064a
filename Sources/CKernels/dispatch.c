#include "CKernels.h"
#include "dispatch.h"

#if defined(__x86_64__)
int ck_has_avx2(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
}
int ck_has_avx512(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = ck_has_avx2() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    }
    return cached;
}
static int ceiling = CK_ISA_AUTOMATIC;
void ck_force_isa(int isa) { ceiling = isa; }
void ck_force_baseline(int on) { ceiling = on ? CK_ISA_BASELINE : CK_ISA_AUTOMATIC; }
int ck_dispatch_avx2(void) { return ceiling != CK_ISA_BASELINE && ck_has_avx2(); }
int ck_dispatch_avx512(void) { return ceiling == CK_ISA_AUTOMATIC && ck_has_avx512(); }
const char *ck_isa(void) { return ck_dispatch_avx512() ? "avx512f" : ck_dispatch_avx2() ? "avx2+fma" : "sse2"; }
#else
void ck_force_isa(int isa) { (void)isa; }
void ck_force_baseline(int on) { (void)on; }
const char *ck_isa(void) { return "generic"; }
#endif

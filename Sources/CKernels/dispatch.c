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
const char *ck_isa(void) { return ck_has_avx2() ? "avx2+fma" : "sse2"; }
#else
const char *ck_isa(void) { return "generic"; }
#endif

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
static int forced_baseline = 0;
void ck_force_baseline(int on) { forced_baseline = on; }
int ck_dispatch_avx2(void) { return !forced_baseline && ck_has_avx2(); }
const char *ck_isa(void) { return ck_dispatch_avx2() ? "avx2+fma" : "sse2"; }
#else
void ck_force_baseline(int on) { (void)on; }
const char *ck_isa(void) { return "generic"; }
#endif

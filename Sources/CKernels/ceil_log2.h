#ifndef CK_CEIL_LOG2_H
#define CK_CEIL_LOG2_H
#include <stdint.h>

/// ATen's utils::CeilLog2: 1 for x ≤ 2, else ⌈log2 x⌉ (the cascades' level widths read it).
static inline int64_t ck_ceil_log2(int64_t x) { return x <= 2 ? 1 : 64 - __builtin_clzll((uint64_t)(x - 1)); }

#endif

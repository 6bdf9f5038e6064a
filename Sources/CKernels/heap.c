// glibc's malloc settings for the training commands (see HeapReuse.swift).
#include "CKernels.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ck_keep_freed_blocks(size_t mmapThreshold, size_t trimThreshold) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, (int)mmapThreshold);
    mallopt(M_TRIM_THRESHOLD, (int)trimThreshold);
#else
    (void)mmapThreshold; (void)trimThreshold;
#endif
}

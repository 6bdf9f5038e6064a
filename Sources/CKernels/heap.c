// glibc's malloc settings for the training commands (see HeapReuse.swift).
#include "CKernels.h"
#include <stdlib.h>     // defines __GLIBC__ (via features.h) on glibc; without it the settings below compiled to nothing
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

void ck_heap_bytes(size_t *heap, size_t *mapped) {
#if defined(__GLIBC__)
    struct mallinfo2 info = mallinfo2();
    *heap = info.arena;
    *mapped = info.hblkhd;
#else
    *heap = 0; *mapped = 0;
#endif
}

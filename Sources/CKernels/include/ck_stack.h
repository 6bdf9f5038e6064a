#ifndef CK_STACK_H
#define CK_STACK_H
#include <stddef.h>

/// The current thread's stack: its lowest address and size. Returns 0 on success.
int ck_stack_bounds(void **low, size_t *size);

#endif

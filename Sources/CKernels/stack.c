#define _GNU_SOURCE
#include <pthread.h>
#include "ck_stack.h"

int ck_stack_bounds(void **low, size_t *size) {
#if defined(__APPLE__)
    pthread_t self = pthread_self();
    char *top = (char *)pthread_get_stackaddr_np(self);
    *size = pthread_get_stacksize_np(self);
    *low = top - *size;
    return 0;
#else
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return -1;
    int status = pthread_attr_getstack(&attributes, low, size);
    pthread_attr_destroy(&attributes);
    return status;
#endif
}

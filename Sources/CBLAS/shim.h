// OpenBLAS's CBLAS interface plus the OpenBLAS extensions we use
// (openblas_get_corename, openblas_set_num_threads, ...), all declared in its cblas.h.
#include <cblas.h>

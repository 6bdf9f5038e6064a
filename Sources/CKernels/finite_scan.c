// Whether a tensor's values are all finite: the training path's Winograd convolutions run only on
// such inputs, since their transforms mix an infinity into NaNs across its whole tile where the
// direct sums (PyTorch's) keep it an infinity in the outputs it reaches.
#include "CKernels.h"
#include "dispatch.h"
#include "nan_scan.h"

CK_INLINE int ck_holds_nonfinite_body(const float *x, size_t n) { return holds_nonfinite(x, n); }

CK_DISPATCH_RETURNING(int, ck_holds_nonfinite, (const float *x, size_t n), (x, n))

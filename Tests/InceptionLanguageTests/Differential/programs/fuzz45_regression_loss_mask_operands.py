import torch
import torch.nn.functional as F
b = torch.tensor([True, False])
f = torch.tensor([0.5, -1.0])
i = torch.tensor([1, 2])
for name in ['mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss']:
    for x, y in [(b, f), (f, b), (b, b), (i, f), (f, i), (i, i)]:
        try:
            r = getattr(F, name)(x, y)
            print(name, x.dtype, y.dtype, r, r.dtype)
        except Exception as e:
            print(name, x.dtype, y.dtype, type(e).__name__, str(e).split("\n")[0])
    for x, y in [(b, f), (i, f), (f, i)]:
        try:
            r = getattr(F, name)(x, y, reduction='none')
            print(name, r, r.dtype)
        except Exception as e:
            print(name, type(e).__name__, str(e).split("\n")[0])

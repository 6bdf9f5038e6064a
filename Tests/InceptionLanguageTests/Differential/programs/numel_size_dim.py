import torch
x = torch.zeros(2, 3, 4)
print(x.numel(), x.size(), x.size(1), x.size(-1), x.dim(), x.ndim, x.shape[1:], len(x))
print(x.shape == (2, 3, 4), list(x.shape), x.shape.numel())

import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.quantile / x.quantile: of everything or along dim, q a number or a tensor, keepdim, the five
# interpolations, NaN rows, the gradient to the values taken (SqueezeBackward4), PyTorch's messages

a = torch.tensor([[3., 1., 2., 7.], [0., 5., -1., 2.]], requires_grad=True)
q = torch.quantile(a, 0.3); print(q); q.backward(); print(a.grad)
print(torch.quantile(a, 0.25, dim=1), torch.quantile(a, torch.tensor([0.1, 0.9]), dim=1, keepdim=True), torch.quantile(a, 0.5, dim=0, interpolation='lower'))
print(torch.quantile(a, 0.5, interpolation='higher'), torch.quantile(a, 0.4, interpolation='midpoint'), torch.quantile(a, 0.4, interpolation='nearest'))
print(a.quantile(0.5, dim=-1), torch.quantile(a, torch.tensor([0.0, 1.0])), torch.quantile(a, 0.75, keepdim=True))
print(torch.quantile(torch.tensor([1., float('nan'), 3.]), 0.5), torch.quantile(torch.tensor([[1., 2.], [float('nan'), 4.]]), 0.5, dim=1))
g, = torch.autograd.grad(torch.quantile(a, torch.tensor([0.2, 0.6]), dim=0, interpolation='midpoint').sum(), a); print(g)
for bad in [lambda: torch.quantile(a, 1.5), lambda: torch.quantile(torch.tensor([1, 2]), 0.5), lambda: torch.quantile(a, 0.5, interpolation='cubic')]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)

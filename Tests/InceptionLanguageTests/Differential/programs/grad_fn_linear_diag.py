# The grad_fn print(y) shows after F.linear (addmm or mm for a matrix input, a view of the matmul
# for a vector or a batch of matrices, with and without bias), nn.Linear alike, and x.diag()
# of a matrix (PyTorch 2.15 names it DiagonalBackward0_copy) beside diag of a vector.
import torch
import torch.nn as nn
import torch.nn.functional as F

w = torch.randn(3, 2, requires_grad=True)
b = torch.randn(3, requires_grad=True)
layer = nn.Linear(2, 3)
for x in [torch.randn(2), torch.randn(4, 2), torch.randn(5, 4, 2)]:
    print(x.dim(), F.linear(x, w, b).grad_fn.name(), F.linear(x, w).grad_fn.name(), layer(x).grad_fn.name())
print(F.linear(torch.ones(1, 2), w, b))
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
v = torch.tensor([1.0, 2.0], requires_grad=True)
print(m.diag(), v.diag(), m.diagonal())

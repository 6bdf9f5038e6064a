import torch
import torch.nn.functional as F
x = torch.tensor([[3.0, 4.0, 0.0], [0.0, 0.0, 0.0]], requires_grad=True)
n = x.norm(dim=1)
print(n)
print(x.norm(dim=1, keepdim=True).shape, x.norm())
y = F.normalize(x, dim=1)
print(y)
w = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
((y * w).sum() + n.sum()).backward()
print(x.grad)
print(F.normalize(torch.tensor([[1.0, 1.0], [2.0, 0.0]]), dim=0))

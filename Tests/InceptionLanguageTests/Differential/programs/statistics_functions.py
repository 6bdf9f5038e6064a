import torch
import torch.nn as nn
import torch.nn.functional as F
# var_mean/std_mean, std and var gradients, median and kthvalue, linalg norms, dist
x = torch.randn(4, 5)
print(torch.logsumexp(x, dim=1), torch.var_mean(x, dim=0), torch.std_mean(x))
print(torch.var_mean(x, 1, keepdim=True, correction=0))

x = torch.randn(3, 4)
print(x.argsort(dim=1), x.kthvalue(2, dim=1), torch.median(x, dim=1), x.median(0, keepdim=True))

x = torch.randn(4, 4)
print(torch.linalg.norm(x), x.norm(dim=1), torch.dist(x, x * 2), torch.linalg.vector_norm(x, dim=0))

x = torch.randn(4, 3, requires_grad=True)
v, m = torch.var_mean(x, dim=0)
print(v, m)
(v.sum() + m.sum()).backward()
print(x.grad)
n = torch.linalg.norm(x)
print(n)

x = torch.randn(5, 3, requires_grad=True)
s = x.std(dim=0)
v = x.var()
print(s, v)
(s.sum() + v * 2).backward()
print(x.grad)

x = torch.tensor([[1., 1.], [2., 3.]], requires_grad=True)
s = x.std(dim=1, correction=0)
print(s)
s.sum().backward()
print(x.grad)

x = torch.randn(3, 4, requires_grad=True)
y = x.std(1, keepdim=True)
z = (x - x.mean(1, keepdim=True)) / y
print(z)
z.pow(3).sum().backward()
print(x.grad)

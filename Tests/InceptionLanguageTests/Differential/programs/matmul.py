import torch
a = torch.arange(6.0).reshape(2, 3)
b = torch.arange(6.0).reshape(3, 2)
print(a @ b, torch.matmul(a, b).shape, a.t().shape)
v = torch.tensor([1.0, 2.0, 3.0])
print(a @ v, v @ v)

import torch
x = torch.arange(24.0).reshape(2, 3, 2, 2)
print(x.mean((2, 3)))
print(x.mean(dim=1, keepdim=True).shape)
print(x.mean())

import torch
x = torch.arange(24.0).reshape(2, 3, 4)
print(x.sum())
print(x.sum(1))
print(x.sum(dim=(1, 2)))
print(x.sum(-1, keepdim=True).shape)

import torch
x = torch.arange(24.0).reshape(2, 3, 2, 2)
print(x.amax(dim=(0, 2, 3)), x.amin(dim=(0, 2, 3)))
print(x.std(dim=(0, 2, 3)))
print(x.sum(dim=[0, 2, 3]) / x[:, 0].numel())

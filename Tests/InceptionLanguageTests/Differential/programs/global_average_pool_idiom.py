import torch
x = torch.arange(2 * 3 * 2 * 2, dtype=torch.float32).reshape(2, 3, 2, 2)
print(x.mean(dim=(2, 3)))
print(x.mean([2, 3], keepdim=True).shape)
print(x.flatten(2).mean(-1))

import torch
x = torch.arange(24).reshape(2, 3, 4)
print(x.view(6, -1).shape, x.reshape(-1).shape, x.permute(2, 0, 1).shape, x.transpose(0, 2).shape)
print(x.permute(2, 0, 1)[1])
print(x.flatten(1).shape, torch.flatten(x).shape, x.flatten(0, 1).shape)

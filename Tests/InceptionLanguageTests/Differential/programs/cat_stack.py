import torch
a = torch.ones(2, 3)
b = torch.zeros(2, 3)
print(torch.cat([a, b]).shape, torch.cat([a, b], dim=1).shape, torch.cat((a, b), -1))
print(torch.stack([a, b]).shape, torch.stack([a, b], dim=1).shape)

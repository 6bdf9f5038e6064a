import torch
x = torch.tensor([-2.0, 0.0, 1.0, 3.0])
print(x.clamp(min=0), x.clamp(-1, 1), torch.clamp(x, max=0.5))
print(x.exp(), x.abs().sqrt(), torch.sigmoid(x))

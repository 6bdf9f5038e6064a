import torch
x = torch.tensor([-1.0, 2.0, -3.0, 4.0])
print(torch.where(x > 0, x, torch.zeros_like(x)))
print(x.masked_fill(x < 0, 0.0), torch.where(x > 0, 1.0, -1.0))

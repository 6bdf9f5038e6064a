import torch
x = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(x > 2, x == 2, x != 2)
print((x > 2).float(), (x >= 2).sum(), (x > 2).float().mean())
print((x > 1).float() * (x < 4).float())

import torch
x = torch.arange(6).reshape(2, 3)
print(x.tolist())
print(x.float().tolist())
print((x > 2).tolist())
print(torch.tensor(1.5).tolist())

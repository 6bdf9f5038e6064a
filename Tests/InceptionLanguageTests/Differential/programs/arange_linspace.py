import torch
print(torch.arange(5), torch.arange(2, 8, 2), torch.arange(0, 1, 0.2))
print(torch.linspace(0, 1, 5))
print(torch.arange(3, dtype=torch.float32))

import torch
x = torch.ones(2, 2)
print(torch.zeros_like(x), torch.ones_like(x), torch.full((2, 3), 7.0))
print(torch.full((2,), 3), torch.zeros(2, 3, dtype=torch.long))

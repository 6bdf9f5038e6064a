import torch
x = torch.tensor([[1.0], [2.0]])
print(x.expand(2, 3))
print(x.repeat(1, 2), torch.tensor([1, 2]).repeat(2))

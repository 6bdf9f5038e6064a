import torch
x = torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
values, indices = x.max(dim=1)
print(values, indices)
print(x.max(0))
print(x.max(), x.min())

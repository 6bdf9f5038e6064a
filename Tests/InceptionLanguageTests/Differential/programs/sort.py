import torch
x = torch.tensor([3.0, 1.0, 2.0])
v, i = x.sort()
print(v, i)
print(x.sort(descending=True).indices)

import torch
x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(x.softmax(dim=0))
print(x.softmax(dim=1))
print(x.softmax(dim=-1).sum(dim=1))

import torch
x = torch.tensor([[0.1, 0.7, 0.2, 0.9], [0.5, 0.4, 0.3, 0.6]])
v, i = x.topk(2)
print(v, i)
print(torch.topk(x, 3, dim=1).indices)
print(x.topk(1, dim=0))

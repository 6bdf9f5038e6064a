import torch
x = torch.tensor([[True, False], [True, True]])
print(x.all(), x.any(), x.all(dim=1), x.sum(), x.sum(0))
print((torch.arange(4) > 1).any().item())

import torch
print(torch.tensor([1, 2, 3]))
print(torch.tensor([[True, False], [False, True]]))
print(torch.arange(6).reshape(2, 3))

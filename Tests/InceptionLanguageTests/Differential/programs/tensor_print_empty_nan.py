import torch
print(torch.zeros(0))
print(torch.tensor([float("nan"), 1.0, float("inf")]))
print(torch.tensor([-1.5, 2.25]))

import torch
print(torch.tensor([5.0]).std())
print(torch.tensor([1.0, 2.0, 3.0, 4.0]).std())
print(torch.tensor([1.0, 2.0, 3.0, 4.0]).std(unbiased=False))
print(torch.tensor([[1.0, 2.0], [3.0, 5.0]]).var(dim=0))

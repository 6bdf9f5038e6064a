import torch
print(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(torch.tensor([0.5, 0.25, 0.125]))
print(torch.tensor(3.0), torch.tensor(2.5))

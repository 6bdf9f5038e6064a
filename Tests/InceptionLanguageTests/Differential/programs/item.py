import torch
x = torch.tensor([[2.5]])
print(x.item(), type(x.item()).__name__)
print(torch.tensor(3).item(), torch.tensor(True).item())
print(torch.arange(5).sum().item())

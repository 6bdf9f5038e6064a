import torch
x = torch.arange(6.0).reshape(2, 3)
print(x + torch.tensor([10.0, 20.0, 30.0]))
print(x * torch.tensor([[2.0], [3.0]]))
print(x - x.mean(dim=1, keepdim=True))
print((torch.ones(3, 1) + torch.ones(1, 4)).shape)

import torch
print(torch.arange(2000))
print(torch.arange(3000.0).reshape(30, 100))

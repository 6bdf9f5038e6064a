import torch
print(torch.arange(12.0).reshape(2, 2, 3))

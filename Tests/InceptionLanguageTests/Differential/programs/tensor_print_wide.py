import torch
print(torch.arange(40.0) / 3)

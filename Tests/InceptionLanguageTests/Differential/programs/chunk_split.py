import torch
x = torch.arange(10)
print(x.chunk(3))
a, b = x.split(5)
print(a, b)

import torch
x = torch.arange(10.0)
print(x[x > 6], x[torch.tensor([0, 2, 4])], x[[1, 3]])
m = torch.arange(6).reshape(2, 3)
print(m[m % 2 == 0])
x[x < 3] = 0
print(x)

import torch
x = torch.zeros(3, 4)
x[0] = 1
x[:, 1] = torch.tensor([5.0, 6.0, 7.0])
x[2, 2:] = 9
print(x)
x[1] += 2
print(x)

import torch
x = torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
print(x.argmax(), x.argmax(dim=0), x.argmax(1), x.argmin(dim=1))
print(x.argmax(dim=1, keepdim=True))

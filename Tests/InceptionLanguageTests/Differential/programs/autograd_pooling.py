import torch
import torch.nn as nn
x = torch.tensor([[[[1.0, 3.0, 3.0, 0.0], [2.0, 3.0, 1.0, 0.0], [0.0, 0.0, 5.0, 5.0], [1.0, 1.0, 5.0, 2.0]]]], requires_grad=True)
nn.MaxPool2d(2)(x).sum().backward()
print(x.grad)
x.grad = None
nn.AvgPool2d(2)(x).sum().backward()
print(x.grad)
x.grad = None
nn.AdaptiveAvgPool2d((1, 1))(x).sum().backward()
print(x.grad)

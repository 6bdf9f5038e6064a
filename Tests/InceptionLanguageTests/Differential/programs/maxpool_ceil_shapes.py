import torch
import torch.nn as nn
x = torch.zeros(1, 1, 112, 112)
print(nn.MaxPool2d(3, 2)(x).shape, nn.MaxPool2d(3, 2, ceil_mode=True)(x).shape, nn.MaxPool2d(3, 1, padding=1)(x).shape)
print(nn.Conv2d(1, 2, 7, 2, 3)(torch.zeros(1, 1, 224, 224)).shape)

import torch.nn as nn
try_it = nn.MaxPool2d(3, 2, 1)
print(try_it)
print(nn.MaxPool2d(3, stride=2, ceil_mode=True))
print(nn.MaxPool2d((3, 3)))

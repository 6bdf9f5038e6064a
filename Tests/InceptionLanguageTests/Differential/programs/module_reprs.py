import torch.nn as nn
print(nn.Conv2d(3, 64, 7, 2, 3))
print(nn.Conv2d(3, 64, (3, 3), padding="same", bias=False))
print(nn.BatchNorm2d(64, eps=0.001))
print(nn.AdaptiveAvgPool2d(1), nn.AdaptiveAvgPool2d((1, 1)))
print(nn.Linear(1024, 1000), nn.Dropout(0.4), nn.Flatten())
print(nn.AvgPool2d(5, 3))

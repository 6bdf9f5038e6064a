import torch.nn as nn
bn = nn.BatchNorm2d(3)
print(bn.training, nn.Dropout(0.5).training, nn.Sequential(nn.ReLU()).training)
bn.eval()
print(bn.training)
print(bn.train().training)

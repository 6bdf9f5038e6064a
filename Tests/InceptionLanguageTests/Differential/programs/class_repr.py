import torch.nn as nn
class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, k):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)
    def forward(self, x):
        return self.bn(self.conv(x))
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = BasicConv2d(3, 4, 1)
        self.pool = nn.MaxPool2d(3, 2, ceil_mode=True)
    def forward(self, x):
        return self.pool(self.a(x))
print(Net())

# from torchinfo import summary: the same table as torchinfo 1.8.0 (under Python 3.11), and its statistics
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchinfo import summary
torch.manual_seed(0)
class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)
    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(x + self.bn2(self.conv2(y)))
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 7, stride=2, padding=3)
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.blocks = nn.Sequential(Block(16), Block(16))
        self.shared = nn.Linear(16, 16)
        self.head = nn.Linear(16, 10)
        self.drop = nn.Dropout(0.5)
    def forward(self, x):
        x = self.blocks(self.pool(self.stem(x)))
        x = F.adaptive_avg_pool2d(x, 1).view(x.size(0), -1)
        x = self.shared(self.shared(x))
        return self.head(self.drop(x))
m = Net()
summary(m, input_size=(4, 3, 64, 64), col_names=("input_size", "output_size", "num_params", "params_percent", "kernel_size", "mult_adds", "trainable"), depth=4)
s = summary(m, input_data=torch.randn(2, 3, 32, 32), depth=1, verbose=0)
print(s.total_params, s.trainable_params, s.total_mult_adds, s.total_input, s.total_output_bytes, s.total_param_bytes)
print(s)
summary(m, (1, 3, 32, 32), mode="train", depth=2)
print(m.training)
m.eval(); summary(m, input_size=[1, 3, 32, 32]); print(m.training)
big = nn.Sequential(nn.Conv2d(3, 256, 3), nn.ReLU(), nn.Conv2d(256, 256, 3), nn.Flatten(), nn.LazyLinear(10) if False else nn.Identity())
summary(big, input_size=(8, 3, 128, 128))

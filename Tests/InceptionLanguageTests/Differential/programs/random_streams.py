# torch's random draws after manual_seed, draw for draw: randn below and above 16 values (the
# scalar Box-Muller path and the block path), rand, randint, randperm, bernoulli, normal, the
# layers' default init, nn.init, dropout masks, DataLoader shuffling, and a model built from them.
import torch, torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import TensorDataset, DataLoader

torch.manual_seed(0)
print(torch.randn(3))
print(torch.randn(2, 10))
print(torch.rand(2, 3))
print(torch.randint(0, 10, (6,)))
print(torch.randint(3, 1000, (2, 2)))
print(torch.randperm(7))
print(torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 0.5, 0.2])))
print(torch.normal(2.0, 3.0, size=(2, 3)))
print(torch.normal(torch.arange(3.0), torch.tensor([1.0, 0.1, 0.01])))

lin = nn.Linear(4, 3)
print(lin.weight, lin.bias)
conv = nn.Conv2d(2, 3, 3)
print(conv.weight[0, 0], conv.bias)
print(torch.randn(1))                    # the spare normal of the last scalar pair

w = torch.empty(3, 5)
nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
print(w)
nn.init.xavier_uniform_(w)
print(w)
nn.init.trunc_normal_(w, std=0.02)
print(w)
nn.init.trunc_normal_(w, mean=0.0, std=1.0, a=1.5, b=2.5)
print(w)
nn.init.normal_(w, 0.5, 2.0)
print(w)
print(torch.empty(20).normal_(3.0, 0.5))
print(torch.empty(4).uniform_(-1, 1))
print(torch.randn_like(w))

print(F.dropout(torch.ones(10), 0.3))
d = nn.Dropout(0.5)
print(d(torch.ones(2, 6)))

ds = TensorDataset(torch.arange(10).float(), torch.arange(10))
for epoch in range(2):
    print([yb.tolist() for xb, yb in DataLoader(ds, batch_size=4, shuffle=True)])
print([yb.tolist() for xb, yb in DataLoader(ds, batch_size=5)])
print(torch.randn(2))

model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
                      nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(8, 4))
x = torch.randn(2, 3, 8, 8)
print(model(x))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for step in range(3):
    loss = F.cross_entropy(model(x), torch.tensor([1, 3]))
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))

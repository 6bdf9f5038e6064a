import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset
x = torch.arange(20.0).reshape(10, 2)
y = torch.arange(10) % 3
ds = TensorDataset(x, y)
print(len(ds), ds[3], ds[9][1])
loader = DataLoader(ds, batch_size=4)
print(len(loader), len(DataLoader(ds, batch_size=4, drop_last=True)))
for xb, yb in loader:
    print(xb.shape, yb.tolist())
batch = next(iter(loader))
print(type(batch).__name__, batch[0][0], batch[1])
shuffled = DataLoader(ds, batch_size=3, shuffle=True)
seen = sorted(v for _, yb in shuffled for v in yb.tolist())
print(len(seen), sorted(y.tolist()) == seen)
model = nn.Linear(2, 3)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for epoch in range(2):
    total = 0.0
    for xb, yb in DataLoader(ds, batch_size=5):
        opt.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    print(epoch, total > 0)

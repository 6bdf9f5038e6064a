import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader, TensorDataset, random_split

class Shapes(Dataset):
    def __init__(self, n, size=6):
        g = torch.Generator().manual_seed(34)
        self.labels = torch.randint(0, 2, (n,), generator=g)
        self.images = torch.rand(n, 1, size, size, generator=g) * 0.2
        for i, lab in enumerate(self.labels):
            if lab == 1:
                self.images[i, 0, 1:-1, size // 2] += 1.0
            else:
                self.images[i, 0, size // 2, 1:-1] += 1.0

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.images[idx], self.labels[idx]

torch.manual_seed(34)
ds = Shapes(40)
train_ds, val_ds = random_split(ds, [30, 10], generator=torch.Generator().manual_seed(1))
print(len(train_ds), len(val_ds), type(train_ds).__name__)
train_dl = DataLoader(train_ds, batch_size=8, shuffle=True)
val_dl = DataLoader(val_ds, batch_size=4)
print(len(train_dl), len(val_dl))
xb, yb = next(iter(val_dl))
print(xb.shape, yb.shape, yb.dtype)
net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(4, 2))
opt = torch.optim.SGD(net.parameters(), lr=0.2, momentum=0.5)
for epoch in range(4):
    net.train()
    tot, n = 0.0, 0
    for xb, yb in train_dl:
        loss = nn.functional.cross_entropy(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        tot += loss.item() * len(yb)
        n += len(yb)
    net.eval()
    correct = 0
    with torch.no_grad():
        for xb, yb in val_dl:
            correct += (net(xb).argmax(1) == yb).sum().item()
    print(f"epoch {epoch}: train loss {tot / n:.4f}, val acc {correct}/{len(val_ds)}")
td = TensorDataset(torch.arange(10.0).view(5, 2), torch.arange(5))
for a, b in DataLoader(td, batch_size=2, drop_last=True):
    print(a.tolist(), b.tolist())

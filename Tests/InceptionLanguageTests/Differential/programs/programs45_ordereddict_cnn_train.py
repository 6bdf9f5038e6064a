import torch
import torch.nn as nn
import torch.nn.functional as F
from collections import OrderedDict

torch.manual_seed(1)
# made-up data: 32 tiny 1x8x8 images; class = whether the left half is brighter
X = torch.rand(32, 1, 8, 8)
y = (X[:, :, :, :4].mean(dim=(1, 2, 3)) > X[:, :, :, 4:].mean(dim=(1, 2, 3))).long()
print("class counts:", torch.bincount(y).tolist())

model = nn.Sequential(OrderedDict([
    ("conv1", nn.Conv2d(1, 4, kernel_size=3, padding=1)),
    ("bn1", nn.BatchNorm2d(4)),
    ("relu1", nn.ReLU()),
    ("pool", nn.MaxPool2d(2)),
    ("conv2", nn.Conv2d(4, 8, 3)),
    ("relu2", nn.ReLU(inplace=True)),
    ("gap", nn.AdaptiveAvgPool2d(1)),
    ("flat", nn.Flatten()),
    ("fc", nn.Linear(8, 2)),
]))
print(model)
print(model.conv2)
print(model[-1].weight.shape)
total = sum(p.numel() for p in model.parameters())
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"params: {total:,} trainable: {trainable:,}")

opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
batch = 8
for epoch in range(3):
    perm = torch.randperm(len(X))
    running = 0.0
    for i in range(0, len(X), batch):
        idx = perm[i:i + batch]
        xb, yb = X[idx], y[idx]
        logits = model(xb)
        loss = F.cross_entropy(logits, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        running += loss.item() * len(idx)
    model.eval()
    with torch.no_grad():
        acc = (model(X).argmax(1) == y).float().mean().item()
    model.train()
    print(f"epoch {epoch + 1}: loss {running / len(X):.4f} acc {acc:.2%}")
print(model.bn1.running_mean)
print(model.bn1.num_batches_tracked)

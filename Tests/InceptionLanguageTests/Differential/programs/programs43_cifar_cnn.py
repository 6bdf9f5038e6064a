# CIFAR-style CNN with BatchNorm + Dropout, train/val loop, accuracy
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)

class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(0.25),
            nn.Linear(16 * 4 * 4, 32),
            nn.ReLU(),
            nn.Dropout(p=0.5),
            nn.Linear(32, num_classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))

net = Net(num_classes=5)
print(net)
X_train = torch.randn(40, 3, 16, 16)
y_train = torch.randint(0, 5, (40,))
X_val = torch.randn(20, 3, 16, 16)
y_val = torch.randint(0, 5, (20,))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-4)
best_acc = 0.0
for epoch in range(3):
    net.train()
    train_loss = 0.0
    for i in range(0, 40, 10):
        xb, yb = X_train[i:i+10], y_train[i:i+10]
        optimizer.zero_grad()
        out = net(xb)
        loss = criterion(out, yb)
        loss.backward()
        optimizer.step()
        train_loss += loss.item()
    net.eval()
    correct = 0
    total = 0
    val_loss = 0.0
    with torch.no_grad():
        for i in range(0, 20, 10):
            xb, yb = X_val[i:i+10], y_val[i:i+10]
            out = net(xb)
            val_loss += criterion(out, yb).item()
            _, predicted = out.max(1)
            total += yb.size(0)
            correct += predicted.eq(yb).sum().item()
    acc = 100. * correct / total
    if acc > best_acc:
        best_acc = acc
        print("saving best")
    print(f'[{epoch + 1}] train loss: {train_loss / 4:.4f} | val loss: {val_loss / 2:.4f} | val acc: {acc:.1f}% ({correct}/{total})')
print('Best acc: %.2f%%' % best_acc)
bn = net.features[1]
print(bn.running_mean.shape, bn.num_batches_tracked, bn.momentum, bn.eps)
print([round(v, 3) for v in bn.running_var[:4].tolist()])
print(sum(p.numel() for p in net.parameters()), sum(b.numel() for b in net.buffers()))
print(type(net.features[2]).__name__, net.features[2].inplace)

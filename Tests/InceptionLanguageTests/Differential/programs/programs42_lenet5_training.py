# LeNet-5 (classic textbook layout) on random 1x32x32 "digits": training loop, accuracy per epoch,
# eval with no_grad, per-class accuracy and a confusion matrix built by hand.
import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet5(nn.Module):
    def __init__(self, num_classes=10):
        super(LeNet5, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        x = self.pool(torch.tanh(self.conv1(x)))
        x = self.pool(torch.tanh(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.fc3(x)


num_classes = 4
model = LeNet5(num_classes)
print(model)
total = sum(p.numel() for p in model.parameters())
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"Total params: {total:,} | trainable: {trainable:,}")

X = torch.randn(32, 1, 32, 32)
y = torch.randint(0, num_classes, (32,))
X[y == 1, :, :16] += 1.0
X[y == 2, :, 16:] -= 1.0
X[y == 3] *= 2.0

criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
batch_size = 16
for epoch in range(3):
    model.train()
    running_loss, correct, seen = 0.0, 0, 0
    perm = torch.randperm(X.size(0))
    for i in range(0, X.size(0), batch_size):
        idx = perm[i:i + batch_size]
        inputs, labels = X[idx], y[idx]
        optimizer.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        running_loss += loss.item() * inputs.size(0)
        _, predicted = torch.max(outputs.data, 1)
        correct += (predicted == labels).sum().item()
        seen += labels.size(0)
    print(f"Epoch {epoch + 1}: loss={running_loss / seen:.4f} acc={100 * correct / seen:.2f}%")

model.eval()
confusion = torch.zeros(num_classes, num_classes, dtype=torch.int64)
with torch.no_grad():
    logits = model(X)
    preds = logits.argmax(dim=1)
    for t, p in zip(y.view(-1), preds.view(-1)):
        confusion[t.long(), p.long()] += 1
print(confusion)
per_class = confusion.diag().float() / confusion.sum(1).clamp(min=1).float()
for c, acc in enumerate(per_class.tolist()):
    print(f"class {c}: {acc:.3f}")
print("overall:", round((preds == y).float().mean().item(), 4))
print(confusion.sum().item(), confusion.dtype, preds.shape)
print(F.softmax(logits[:2], dim=1).sum(dim=1))

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import TensorDataset, DataLoader

class SmallNet(nn.Module):
    def __init__(self, num_classes: int = 3):
        super(SmallNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(4 * 4 * 4, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = x.view(x.size(0), -1)
        return self.fc(x)

model = SmallNet()
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(torch.linspace(-0.3, 0.3, p.numel()).reshape(p.shape))
inputs = torch.linspace(-1, 1, 12 * 64).reshape(12, 1, 8, 8).sin()
labels = torch.tensor([0, 1, 2] * 4)
loader = DataLoader(TensorDataset(inputs, labels), batch_size=4, shuffle=False)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
print(optimizer)
for epoch in range(2):
    model.train()
    running_loss, correct, total = 0.0, 0, 0
    for i, (x, y) in enumerate(loader):
        optimizer.zero_grad()
        outputs = model(x)
        loss = criterion(outputs, y)
        loss.backward()
        optimizer.step()
        running_loss += loss.item() * x.size(0)
        _, predicted = torch.max(outputs.data, 1)
        total += y.size(0)
        correct += (predicted == y).sum().item()
    print(f"epoch {epoch + 1}: loss {running_loss / len(loader.dataset):.4f} acc {100.0 * correct / total:.1f}%")
    print(f"last batch loss {loss:.4f}")
model.eval()
with torch.no_grad():
    probs = F.softmax(model(inputs[:2]), dim=-1)
    print(probs)
    print(probs.sum(dim=1))
print(model.bn1.running_mean, model.bn1.num_batches_tracked)

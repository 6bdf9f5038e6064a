import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import TensorDataset, DataLoader
torch.manual_seed(0)
X = torch.randn(64, 1, 4, 4); y = torch.randint(0, 3, (64,))
train = DataLoader(TensorDataset(X[:48], y[:48]), batch_size=16, shuffle=True)
test = DataLoader(TensorDataset(X[48:], y[48:]), batch_size=8)
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.fc = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 3))
    def forward(self, x):
        return self.fc(self.flatten(x))
model = MLP()
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    model.train(); running = 0.0
    for batch, (xb, yb) in enumerate(train):
        loss = F.cross_entropy(model(xb), yb)
        opt.zero_grad(); loss.backward(); opt.step()
        running += loss.item() * xb.size(0)
    model.eval(); correct = 0; tl = 0.0
    with torch.no_grad():
        for xb, yb in test:
            out = model(xb)
            tl += F.cross_entropy(out, yb, reduction="sum").item()
            correct += (out.argmax(1) == yb).type(torch.float).sum().item()
    n = len(test.dataset)
    print(f"Epoch {epoch+1}: train {running/len(train.dataset):>8f}  Accuracy: {(100*correct/n):>0.1f}%, Avg loss: {tl/n:>8f}")
print(len(train), len(test), model.training)

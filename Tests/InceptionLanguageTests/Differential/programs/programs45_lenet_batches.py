import torch
import torch.nn as nn
import torch.nn.functional as F

class LeNet(nn.Module):
    def __init__(self, num_classes=3):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 1 * 1, 32)
        self.fc2 = nn.Linear(32, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)

torch.manual_seed(10)
n = 24
images = torch.zeros(n, 1, 12, 12)
labels = torch.arange(n) % 3
for i in range(n):
    c = labels[i].item()
    if c == 0:
        images[i, 0, 2:10, 5:7] = 1.0
    elif c == 1:
        images[i, 0, 5:7, 2:10] = 1.0
    else:
        images[i, 0, 3:9, 3:9] = 0.5
images += 0.1 * torch.randn_like(images)
net = LeNet()
print(net)
x = torch.randn(1, 1, 12, 12)
for name, layer in net.named_children():
    if name.startswith("fc") and x.dim() > 2:
        x = torch.flatten(x, 1)
    x = layer(x)
    if name.startswith("conv"):
        x = F.max_pool2d(F.relu(x), 2)
    print(f"{name}: {list(x.shape)}")
opt = torch.optim.Adam(net.parameters(), lr=0.01)
history = []
for epoch in range(4):
    perm = torch.randperm(n)
    for start in range(0, n, 6):
        b = perm[start:start + 6]
        loss = F.cross_entropy(net(images[b]), labels[b])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        out = net(images)
        history.append((F.cross_entropy(out, labels).item(), (out.argmax(1) == labels).sum().item()))
for e, (l, correct) in enumerate(history):
    print(f"epoch {e}: loss={l:.4f} correct={correct}/{n}")
print(len(opt.state), opt.state[net.conv1.weight]["step"])

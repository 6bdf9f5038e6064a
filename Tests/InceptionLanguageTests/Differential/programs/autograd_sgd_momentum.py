import torch
import torch.nn as nn
import torch.nn.functional as F
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) / (10 + i) - 0.3)
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
x = torch.tensor([[1.0, 2.0, -1.0], [0.0, -1.0, 1.0]])
y = torch.tensor([1, 0])
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), y)
    loss.backward()
    opt.step()
    print(step, f"{loss.item():.5f}")
print(net[0].weight)
print(net[2].bias)

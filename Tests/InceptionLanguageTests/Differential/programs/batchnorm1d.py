import torch
import torch.nn as nn
import torch.nn.functional as F
# nn.BatchNorm1d on (N, C) and (N, C, L): statistics, gradients, eval mode, errors, in a trained Sequential
m = nn.BatchNorm1d(3)
x = torch.randn(4, 3, requires_grad=True)
y = m(x)
print(m, y, m.running_mean, m.running_var, m.num_batches_tracked)
(y * torch.arange(12.).view(4, 3)).sum().backward()
print(x.grad, m.weight.grad, m.bias.grad)
m.eval()
print(m(x))
print(list(m.state_dict().keys()))

m = nn.BatchNorm1d(2)
x = torch.randn(3, 2, 5)
print(m(x).shape, m.running_var)
try:
    m(torch.randn(1, 2))
except ValueError as e:
    print("ValueError", e)
try:
    m(torch.randn(1, 2, 3, 4))
except ValueError as e:
    print("ValueError", e)

net = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
print(net)
opt = torch.optim.SGD(net.parameters(), lr=0.1)
x = torch.randn(16, 4); t = torch.randint(0, 2, (16,))
for i in range(3):
    opt.zero_grad(); loss = F.cross_entropy(net(x), t); loss.backward(); opt.step(); print(round(loss.item(), 4))

# x.data: the same storage as x, detached (no gradient, no history), so the old idioms work:
# initialising through m.weight.data.normal_(…), a hand-written SGD step p.data.add_(…) or
# p.data -= …, x.data = a new tensor of the same shape; add_ and sub_ with alpha.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
conv = nn.Conv2d(2, 3, 3)
conv.weight.data.normal_(0.0, 0.02)
conv.bias.data.fill_(0.1)
print(conv.weight[0, 0])
print(conv.bias)
linear = nn.Linear(4, 2)
linear.weight.data.uniform_(-0.5, 0.5)
linear.bias.data.zero_()
print(linear.weight, linear.bias)

w = torch.randn(3, requires_grad=True)
d = w.data
print(d.requires_grad, d.is_leaf, d.grad_fn, w.requires_grad)
d[0] = 5.0
print(w)
y = w * 2
y.data.mul_(0.5)
print(y)
print((w.data * 3).requires_grad)

w2 = torch.ones(2, requires_grad=True)
w2.data = torch.tensor([3.0, 4.0])
(w2 * w2).sum().backward()
print(w2, w2.grad)

ints = torch.arange(4)
view = ints.data
view += 1
print(ints, view.dtype)

x = torch.ones(3)
x.add_(torch.arange(3.0), alpha=2)
print(x)
x.sub_(torch.ones(3), alpha=0.5)
print(x)

net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
inputs, targets = torch.randn(6, 3), torch.tensor([0, 1, 1, 0, 1, 0])
for step in range(4):
    loss = F.cross_entropy(net(inputs), targets)
    net.zero_grad()
    loss.backward()
    for i, p in enumerate(net.parameters()):
        if i % 2 == 0:
            p.data.add_(p.grad.data, alpha=-0.5)
        else:
            p.data -= 0.5 * p.grad
    print(step, round(loss.item(), 4))
scores = net(inputs)
_, predicted = torch.max(scores.data, 1)
print(predicted, scores.data.requires_grad)
print(net[0].weight)

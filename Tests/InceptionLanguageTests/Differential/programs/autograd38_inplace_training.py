import torch
import torch.nn as nn
import torch.nn.functional as F

# In-place changes inside forward passes and training loops, checked by version counters.
def case(name, f):
    try:
        r = f()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__ + ":", str(e).split("\n")[0])

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)
    def forward(self, x):
        out = self.fc(x)
        out += x
        return F.relu(out)

class Bad(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)
    def forward(self, x):
        h = torch.sigmoid(self.fc(x))
        h += 1
        return h.sum()

def d1():
    torch.manual_seed(1)
    b = Block(); x = torch.randn(2, 3)
    b(x).sum().backward(); return round(b.fc.weight.grad.sum().item(), 4)
def d2():
    torch.manual_seed(1)
    m = Bad(); x = torch.randn(2, 3)
    m(x).backward(); return m.fc.weight.grad
def d3():
    torch.manual_seed(1)
    m = nn.Linear(3, 1); opt = torch.optim.SGD(m.parameters(), lr=0.1)
    x = torch.randn(4, 3, requires_grad=True)
    loss = m(x).pow(2).mean()
    opt.step()
    loss.backward(); return m.weight._version
def d4():
    torch.manual_seed(1)
    m = nn.Linear(3, 1); opt = torch.optim.SGD(m.parameters(), lr=0.1)
    x = torch.randn(4, 3)
    for _ in range(3):
        opt.zero_grad(); loss = m(x).pow(2).mean(); loss.backward(); opt.step()
    return m.weight._version, m.bias._version, round(loss.item(), 4)
def d5():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2
    y.relu_()
    y.sum().backward(); return x.grad, y._version
def d6():
    x = torch.tensor([-1., 2., 3.], requires_grad=True)
    y = x * 2
    z = y * y
    y.relu_()
    z.sum().backward(); return x.grad
def d7():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x + 1; z = y * x
    y -= 1
    z.sum().backward(); return x.grad
def d8():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x + 1; z = x * 3
    y.mul_(2)
    (y.sum() + z.sum()).backward(); return x.grad
def d9():
    w = torch.tensor([1., 2., 3.], requires_grad=True)
    with torch.no_grad():
        w.mul_(2)
    loss = (w * w).sum(); loss.backward(); return w.grad, w._version
def d10():
    w = torch.tensor([1., 2., 3.], requires_grad=True)
    try:
        w.mul_(2)
    except RuntimeError as e:
        print("leaf:", e)
    return w._version
def d11():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1; z = y.exp()
    with torch.no_grad():
        z.add_(1)
    z.sum().backward(); return x.grad
def d12():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1; z = y.sin()
    with torch.no_grad():
        y.add_(1)
    z.sum().backward(); return x.grad
def d13():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.pow(2); y.add_(1); y.sqrt_()
    y.sum().backward(); return x.grad
def d14():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; s = y.sigmoid()
    y.sigmoid_()
    (s + y).sum().backward(); return x.grad
def d15():
    x = torch.tensor([1., 2., 3.])
    a = x.view(3); b = x[:2]; x.add_(1)
    return x._version, a._version, b._version
def d16():
    x = torch.tensor([1., 2., 3.])
    y = x.clone(); y.add_(1)
    return x._version, y._version
def d17():
    torch.manual_seed(2)
    net = nn.Sequential(nn.Linear(3, 4), nn.Dropout(0.5, inplace=True), nn.Linear(4, 1))
    x = torch.randn(5, 3)
    net(x).sum().backward(); return net[0].weight.grad.shape

for f in [d1, d2, d5, d6, d7, d8, d9, d10, d11, d12, d13, d14, d15, d16, d17]:
    case(f.__name__, f)

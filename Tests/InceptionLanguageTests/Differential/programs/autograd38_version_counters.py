import torch
import torch.nn as nn
import torch.nn.functional as F

# Version counters (x._version) and PyTorch's refusal, at backward, to read a saved tensor
# changed in place since; the in-place changes PyTorch lets through give its gradients.
def case(name, f):
    try:
        r = f()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__ + ":", str(e).split("\n")[0])

def c1():
    w = torch.ones(3, requires_grad=True)
    y = (w * w).sum()
    with torch.no_grad():
        w.mul_(2)
    y.backward(); return w.grad
def c2():
    a = torch.ones(3, requires_grad=True)
    b = a * 2; c = b.sigmoid(); b.add_(1)
    c.sum().backward(); return a.grad
def c3():
    x = torch.ones(3, requires_grad=True)
    h = x.exp(); h.mul_(3); h.sum().backward(); return x.grad
def c4():
    w = torch.ones(3, requires_grad=True)
    y = (w * 2).sum()
    with torch.no_grad():
        w.mul_(2)
    y.backward(); return w.grad
def c5():
    w = torch.ones(3, requires_grad=True)
    print(w._version)
    with torch.no_grad():
        w.add_(1); w += 1; w[0] = 5; w.zero_()
    return w._version
def c6():
    x = torch.ones(3)
    v = x[1:]; v.add_(1)
    d = x.data; d.mul_(2)
    dt = x.detach(); dt.mul_(2)
    return x._version, v._version, d._version, dt._version
def c7():
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = a * 2; c = b * b; b.add_(1)
    c.sum().backward(); return a.grad
def c8():
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = a.sin(); c = b.relu(); c.add_(1)
    b.sum().backward(retain_graph=True)
    c.sum().backward(); return a.grad
def c9():
    a = torch.tensor([1., -2., 3.], requires_grad=True)
    b = a.sin(); b.relu_(); b.mul_(2)
    b.sum().backward(); return a.grad
def c10():
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = a.sin(); d = a.data; d.mul_(2)
    b.sum().backward(); return a.grad
def c11():
    a = torch.tensor([1., 2., 3.], requires_grad=True)
    b = a.sin(); d = a.detach(); d.mul_(2)
    b.sum().backward(); return a.grad
def c12():
    a = torch.tensor([1., 2., 3.], requires_grad=True); e = torch.ones(3)
    b = (a * e).sum(); e.add_(1)
    b.backward(); return a.grad
def c13():
    a = torch.tensor([1., 2., 3.], requires_grad=True); e = torch.ones(3)
    b = (a + e).sum(); e.add_(1)
    b.backward(); return a.grad
def c14():
    lin = nn.Linear(3, 2)
    opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    x = torch.ones(4, 3)
    loss = lin(x).pow(2).sum()
    loss.backward(retain_graph=True)
    opt.step()
    loss.backward(); return lin.weight._version
def c15():
    lin = nn.Linear(3, 2)
    opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    x = torch.ones(4, 3)
    l1 = lin(x).sum()
    l1.backward(); opt.step(); opt.zero_grad()
    return lin.weight._version, lin.bias._version
def c16():
    torch.manual_seed(0)
    lin = nn.Linear(3, 2); x = torch.randn(4, 3, requires_grad=True)
    out = lin(x); F.relu(out, inplace=True); out.sum().backward()
    return x.grad.sum().item(), out._version
def c17():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(inplace=True), nn.Linear(4, 1))
    x = torch.randn(5, 3)
    net(x).sum().backward(); return net[0].weight.grad.sum().item()
def c18():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1
    y += 1
    y.exp().sum().backward(); return x.grad, y._version
def c19():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.exp()
    y += 1
    y.sum().backward(); return x.grad
def c20():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.tanh(); z = y * 3
    y.mul_(2)
    z.sum().backward(); return x.grad
def c21():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1; z = y.pow(2); y.add_(1)
    z.sum().backward(); return x.grad
def c22():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1; z = y.log(); y.mul_(2)
    z.sum().backward(); return x.grad
def c23():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1; z = y.sum(); y.mul_(2)
    z.backward(); return x.grad
def c24():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 1; z = torch.cat([y, y]); y.mul_(2)
    z.sum().backward(); return x.grad
def c25():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.sigmoid(); y.sigmoid_()
    y.sum().backward(); return x.grad
def c26():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; y.exp_(); y.add_(1)
    y.sum().backward(); return x.grad
def c27():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; w = torch.ones(3, requires_grad=True)
    z = y * w; y.mul_(w)
    (z.sum() + y.sum()).backward(); return x.grad, w.grad
def c28():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; z = y @ y; y.add_(1)
    z.backward(); return x.grad
def c29():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = (x * x).sum()
    y.backward(retain_graph=True)
    with torch.no_grad():
        x.add_(1)
    y.backward(); return x.grad
def c30():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = (x.exp()).sum()
    y.backward(retain_graph=True)
    with torch.no_grad():
        x.add_(1)
    y.backward(); return x.grad
def c31():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 3
    return y._version, x._version
def c32():
    x = torch.tensor([1., 2., 3.])
    return x.version
def c33():
    torch.manual_seed(0)
    conv = nn.Conv2d(1, 2, 3); x = torch.randn(1, 1, 5, 5)
    y = conv(x); loss = y.sum()
    with torch.no_grad():
        conv.weight.mul_(2)
    loss.backward(); return conv.weight.grad.sum().item()
def c34():
    torch.manual_seed(0)
    conv = nn.Conv2d(1, 2, 3); x = torch.randn(1, 1, 5, 5)
    loss = conv(x).sum()
    with torch.no_grad():
        conv.bias.mul_(2)
    loss.backward(); return conv.bias.grad
def c35():
    torch.manual_seed(0)
    lin = nn.Linear(3, 2); x = torch.randn(4, 3)
    loss = lin(x).sum()
    with torch.no_grad():
        x.mul_(2)
    loss.backward(); return lin.weight.grad.sum().item()
def c36():
    torch.manual_seed(0)
    lin = nn.Linear(3, 2); x = torch.randn(4, 3, requires_grad=True)
    loss = lin(x).sum()
    with torch.no_grad():
        lin.weight.mul_(2)
    loss.backward(); return x.grad.sum().item()
def c37():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; s = F.softmax(y, dim=0); y.add_(1)
    s[0].backward(); return x.grad
def c38():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    s = F.softmax(x * 2, dim=0); s.mul_(2)
    s[0].backward(); return x.grad
def c39():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x / 2; z = 1 / y; y.add_(1)
    z.sum().backward(); return x.grad
def c40():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; z = y / 4; y.add_(1)
    z.sum().backward(); return x.grad
def c41():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; z = y.relu(); y.add_(1)
    z.sum().backward(); return x.grad
def c42():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; z = y.abs(); y.add_(1)
    z.sum().backward(); return x.grad
def c43():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; z = y.sqrt(); z.add_(1)
    z.sum().backward(); return x.grad
def c44():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.clone(); z = y.tanh(); y[0] = 0
    z.sum().backward(); return x.grad
def c45():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x * 1; v = y[0]
    return v._version, y._version
def c46():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(inplace=True))
    x = torch.randn(2, 1, 5, 5)
    net(x).sum().backward(); return round(net[0].weight.grad.sum().item(), 4)
def c47():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2; z = y * 3; y.mul_(5)
    z.sum().backward(); return x.grad
def c48():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    w = torch.tensor([1., 1., 1.], requires_grad=True)
    loss = (x * w).sum()
    opt = torch.optim.Adam([w], lr=0.1)
    loss.backward(retain_graph=True); opt.step()
    loss.backward(); return w.grad
def c49():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x + 0; y.mul_(2); y.mul_(3)
    y.sum().backward(); return x.grad, y._version
def c50():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.exp(); y.sum().backward()
    with torch.no_grad():
        y.add_(1)
    return x.grad

case("c1", c1)
case("c2", c2)
case("c3", c3)
case("c4", c4)
case("c5", c5)
case("c6", c6)
case("c7", c7)
case("c8", c8)
case("c9", c9)
case("c10", c10)
case("c11", c11)
case("c12", c12)
case("c13", c13)
case("c16", c16)
case("c17", c17)
case("c18", c18)
case("c19", c19)
case("c20", c20)
case("c21", c21)
case("c22", c22)
case("c23", c23)
case("c24", c24)
case("c25", c25)
case("c26", c26)
case("c27", c27)
case("c28", c28)
case("c29", c29)
case("c30", c30)
case("c31", c31)
case("c32", c32)
case("c34", c34)
case("c35", c35)
case("c37", c37)
case("c38", c38)
case("c40", c40)
case("c41", c41)
case("c42", c42)
case("c43", c43)
case("c44", c44)
case("c45", c45)
case("c46", c46)
case("c47", c47)
case("c48", c48)
case("c49", c49)
case("c50", c50)

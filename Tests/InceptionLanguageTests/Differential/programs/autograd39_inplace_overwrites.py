import torch
import torch.nn as nn
import torch.nn.functional as F

# Whole-tensor in-place writes (zero_, fill_, normal_, uniform_, bernoulli_) on a result that
# requires grad, recorded as PyTorch records them (ZeroBackward0, FillBackward2/3, …: no
# gradient to what was overwritten), and refused at backward where a saved tensor changed;
# in-place changes after the activations whose backward reads their input (GELU, SiLU, …);
# BatchNorm's num_batches_tracked counted per forward.
def case(name, f):
    try:
        r = f()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__ + ":", str(e).split("\n")[0])

def zero_nonleaf():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x * 2
    y.zero_()
    (y + x).sum().backward()
    return (x.grad, y, y._version)
case("zero_ of a result", zero_nonleaf)

def zero_sum():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x.sum(0)
    y.zero_()
    y.sum().backward()
    return x.grad
case("zero_ of a sum", zero_sum)

def zero_exp():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x.exp()
    y.zero_()
    y.sum().backward()
case("zero_ of exp's result", zero_exp)

def zero_leaf():
    torch.tensor([1., 2.], requires_grad=True).zero_()
case("zero_ of a leaf", zero_leaf)

def zero_leaf_no_grad():
    x = torch.tensor([1., 2.], requires_grad=True)
    with torch.no_grad():
        x.zero_()
    return (x, x._version)
case("zero_ of a leaf under no_grad", zero_leaf_no_grad)

def fill_nonleaf():
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x.sum(0)
    y.fill_(2)
    (y * x[0]).sum().backward()
    return (x.grad, y, y._version)
case("fill_ of a result", fill_nonleaf)

def fill_tensor():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.fill_(torch.tensor(3.))
    return y
case("fill_ with a tensor", fill_tensor)

def fill_grad_tensor():
    x = torch.tensor([1., 2.], requires_grad=True)
    v = torch.tensor(3., requires_grad=True)
    y = x * 2
    y.fill_(v)
    (y * torch.tensor([1., 2.])).sum().backward()
    return (x.grad, v.grad, y)
case("fill_ with a tensor that requires grad", fill_grad_tensor)

def fill_plain_with_grad_tensor():
    w = torch.zeros(2)
    v = torch.tensor(2., requires_grad=True)
    w.fill_(v)
    w.sum().backward()
    return (w, v.grad)
case("plain tensor fill_ with a tensor that requires grad", fill_plain_with_grad_tensor)

def random_fills():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2
    y.normal_()
    a = y.grad_fn.name()
    z = x * 2
    z.uniform_(-1, 1)
    b = z.grad_fn.name()
    u = x * 2
    u.bernoulli_(0.5)
    (y + z + u).sum().backward()
    return (a, b, u.grad_fn.name(), x.grad, y._version)
case("normal_ / uniform_ / bernoulli_ of a result", random_fills)

def random_fill_values():
    torch.manual_seed(3)
    a = torch.empty(4).normal_()
    torch.manual_seed(3)
    x = torch.ones(4, requires_grad=True)
    y = x * 1
    y.normal_()
    return torch.equal(a, y.detach())
case("normal_ draws the same values", random_fill_values)

def gelu_then_add_():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = F.gelu(x)
    z = y * 1
    y.add_(1)
    z.sum().backward()
    return x.grad
case("gelu's result changed", gelu_then_add_)

def silu_input_changed():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 1
    s = F.silu(y)
    y.mul_(2)
    s.sum().backward()
case("silu's input changed", silu_input_changed)

def activations_input_changed():
    out = []
    for f in [F.leaky_relu, F.hardtanh, F.softplus, F.hardswish, F.mish, nn.GELU(), nn.SiLU()]:
        x = torch.tensor([-1., 0.5, 2.], requires_grad=True)
        h = x * 1
        a = f(h)
        h.add_(1)
        try:
            a.sum().backward()
            out.append("ran")
        except RuntimeError as e:
            out.append(str(e).split(":")[0][:30] + str(e)[str(e).index("is at"):str(e).index(";")])
    return out
case("activations whose input changed", activations_input_changed)

def activations_result_changed():
    out = []
    for f in [F.leaky_relu, F.softplus, F.gelu]:
        x = torch.tensor([-1., 0.5, 2.], requires_grad=True)
        a = f(x)
        a.mul_(2)
        a.sum().backward()
        out.append(x.grad)
    return out
case("activations whose result changed", activations_result_changed)

def bn_counts():
    bn = nn.BatchNorm1d(2)
    x = torch.randn(4, 2)
    v0 = bn.num_batches_tracked._version
    bn(x)
    bn(x)
    bn.eval()
    bn(x)
    return (bn.num_batches_tracked._version - v0, bn.num_batches_tracked)
case("num_batches_tracked's version", bn_counts)

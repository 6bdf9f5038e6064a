# Found by bench/diff_fuzz.py: tensordot and inner check the dtypes and the dims of a 0-d tensor
# (tensordot with dim lists of a 0-d tensor trapped), an in-place method's TypeError names the
# in-place method, copy_ takes a number, hardshrink keeps NaN, argmax(keepdim=True) keeps the rank
import torch
def show(label, f):
    try:
        r = f()
    except Exception as ex:
        print(label, "raises", type(ex).__name__, str(ex).split("\n")[0])
        return
    print(label, r)

def inplace(x, name, *args):
    x = x.clone()
    getattr(x, name)(*args)
    return x

f0 = torch.tensor(1.5)
v = torch.tensor([2.0, -2.5])
i = torch.tensor([-3, 5])
m = torch.tensor([[1.0, 2.5, 0.5], [-0.5, 0.25, -1.0]])
show("tensordot 0-d, dims lists", lambda: torch.tensordot(f0, v, dims=([0], [0])))
show("tensordot 0-d, empty lists", lambda: torch.tensordot(f0, v, dims=([], [])))
show("tensordot 0-d, empty vector", lambda: torch.tensordot(f0, torch.zeros(0), dims=([0], [0])))
show("tensordot float, long, dims=0", lambda: torch.tensordot(f0, i, dims=0))
show("tensordot float, long, dims=([0], [0])", lambda: torch.tensordot(v, i, dims=([0], [0])))
show("tensordot mismatched sizes, long", lambda: torch.tensordot(m, i, dims=([-1], [0])))
show("tensordot repeated dim", lambda: torch.tensordot(m[:, :2], m[:, :2], dims=([0, 0], [0, 1])))
show("tensordot repeated dim of b", lambda: torch.tensordot(m[:, :2], m[:, :2], dims=([0, 1], [1, 1])))
show("tensordot lists of other lengths", lambda: torch.tensordot(m, m, dims=([0], [0, 1])))
show("tensordot dims=3", lambda: torch.tensordot(m, m, dims=3))
show("tensordot", lambda: torch.tensordot(m, m.t(), dims=([1], [0])))
show("inner float, bool", lambda: torch.inner(v, torch.tensor([False, True])))
show("inner float, long", lambda: v.inner(i))
show("inner sizes", lambda: torch.inner(v, m))
show("atan2_(False)", lambda: inplace(v, "atan2_", False))
show("logical_and_(3)", lambda: inplace(v, "logical_and_", 3))
show("hypot_(2)", lambda: inplace(v, "hypot_", 2))
show("copy_(-3)", lambda: inplace(m, "copy_", -3))
show("copy_(2.5) into long", lambda: inplace(i, "copy_", 2.5))
show("copy_(True)", lambda: inplace(v, "copy_", True))
show("copy_(-0.0)", lambda: inplace(f0, "copy_", -0.0))
show("copy_(7) into empty", lambda: inplace(torch.zeros(0), "copy_", 7))
n = torch.tensor([4.0, float("inf"), float("nan"), -0.3, 0.5, -0.5, -0.7])
show("hardshrink", lambda: torch.nn.functional.hardshrink(n, 0.5))
show("Hardshrink", lambda: torch.nn.Hardshrink(0.25)(n))
show("hardshrink method", lambda: n.hardshrink())

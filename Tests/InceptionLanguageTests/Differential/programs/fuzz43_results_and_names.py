# Found by bench/diff_fuzz.py: a reduction's dtype= is its result's dtype (a sum of bools as bool,
# a product in int32), mean's dtype= must be floating, nansum takes dtype=, std_mean / var_mean of
# integers name themselves, threshold keeps NaN, copy_'s argument is `other`, x.vdot(y), the
# bitwise methods in place
import torch
import torch.nn.functional as F
def show(label, f):
    try:
        r = f()
    except Exception as ex:
        print(label, "raises", type(ex).__name__, str(ex).split("\n")[0])
        return
    print(label, r)
    if isinstance(r, torch.Tensor):
        print("   ", r.dtype, r.shape)

def inplace(x, name, *args, **kwargs):
    x = x.clone()
    getattr(x, name)(*args, **kwargs)
    return x

i = torch.tensor([[-3, -3, 5, 5], [1, -2, -3, 3]])
f = torch.tensor([[-0.5, -2.81], [-1.05, 0.25], [0.73, float("nan")]])
b = torch.tensor([[True, False], [False, False]])
show("int sum(dtype=bool)", lambda: i.sum(dtype=torch.bool))
show("bool sum(dtype=bool)", lambda: b.sum(0, dtype=torch.bool))
show("float prod(1, dtype=int32)", lambda: torch.prod(f, 1, dtype=torch.int32))
show("float sum(dtype=int64)", lambda: f[:2].sum(dtype=torch.int64))
show("int sum(1, dtype=float32)", lambda: i.sum(1, dtype=torch.float32))
show("int mean(dtype=float32)", lambda: i.mean(dtype=torch.float32))
show("float mean(0, dtype=int64)", lambda: f.mean(0, dtype=torch.int64))
show("float mean(dtype=bool)", lambda: torch.mean(f, dtype=torch.bool))
show("nansum(-1, dtype=float32)", lambda: torch.nansum(f, dim=-1, dtype=torch.float32))
show("std_mean of int", lambda: torch.std_mean(i, dim=1))
show("var_mean of bool", lambda: torch.var_mean(b, dim=-1, keepdim=True))
show("std_mean of float", lambda: torch.std_mean(f, dim=0, correction=0))
t = torch.tensor([[float("nan")], [4.0], [0.5], [float("nan")], [-1.0]])
show("threshold", lambda: F.threshold(t, 0.5, 2.0))
show("Threshold", lambda: torch.nn.Threshold(0.0, -9.0)(t))
show("copy_(other=)", lambda: inplace(f, "copy_", other=torch.ones(3, 2)))
show("copy_ of a number", lambda: inplace(i, "copy_", 7))
show("vdot method", lambda: torch.tensor([0.25, 1.5]).vdot(torch.tensor([2.0, 4.0])))
show("vdot method, dtypes", lambda: torch.tensor([1.0, 3.0]).vdot(torch.tensor([-1, 0])))
show("bitwise_and_", lambda: inplace(i, "bitwise_and_", torch.tensor(1)))
show("bitwise_or_", lambda: inplace(i, "bitwise_or_", 2))
show("bitwise_xor_ bool", lambda: inplace(b, "bitwise_xor_", torch.tensor([True, True])))
show("bitwise_not_", lambda: inplace(i, "bitwise_not_"))
show("bitwise_left_shift_", lambda: inplace(i, "bitwise_left_shift_", 1))
show("argmin(dim=None, keepdim=True)", lambda: f.argmin(dim=None, keepdim=True))
show("max(other=)", lambda: f.max(other=torch.zeros(2)))

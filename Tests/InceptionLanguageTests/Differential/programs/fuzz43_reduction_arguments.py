# Found by bench/diff_fuzz.py: the reductions' calls PyTorch's argument parser refuses (keepdim
# without dim, dim=None or a tuple where an int is wanted, positional arguments to aminmax), worded
# as its parser words them (keywords listed last to first), and the calls it takes (axis=, keepdims=)
import torch
x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])
b = torch.tensor([[True, False, True]])
e = torch.zeros(2, 0)

def show(label, f):
    try:
        r = f()
    except Exception as ex:
        print(label, "raises", type(ex).__name__, str(ex).split("\n")[0])
        return
    print(label, r)

for name in ["sum", "mean", "prod", "max", "min", "amax", "argmax", "std", "var", "logsumexp", "median", "nanmedian", "all", "any", "cumsum", "mode", "count_nonzero", "aminmax", "cummax"]:
    show(name + "(keepdim=True)", lambda: getattr(x, name)(keepdim=True))
    show(name + "(keepdim=False, dtype=float32)", lambda: getattr(x, name)(keepdim=False, dtype=torch.float32))
    show(name + "(dim=None)", lambda: getattr(x, name)(dim=None))
    show(name + "(dim=None, keepdim=True)", lambda: getattr(x, name)(dim=None, keepdim=True))
    show(name + "(dim=(0,))", lambda: getattr(x, name)(dim=(0,)))
    show(name + "(0, keepdim=True)", lambda: getattr(x, name)(0, keepdim=True))
    show(name + "((0,), True)", lambda: getattr(x, name)((0,), True))
    if name != "count_nonzero":      # PyTorch reads count_nonzero(0, 1) as the dims (0, 1)
        show(name + "(0, 1)", lambda: getattr(x, name)(0, 1))
    if name not in ("std", "var"):   # std(True) is std(unbiased=True) in PyTorch, a TypeError here
        show(name + "(True)", lambda: getattr(x, name)(True))
    show("torch." + name + "(x, keepdim=True)", lambda: getattr(torch, name)(x, keepdim=True))
    show("torch." + name + "(x, 0, True, False, 1)", lambda: getattr(torch, name)(x, 0, True, False, 1))

show("sum(axis=0)", lambda: x.sum(axis=0))
show("max(axis=1, keepdims=True)", lambda: x.max(axis=1, keepdims=True))
show("std(unbiased=False, keepdim=True)", lambda: x.std(unbiased=False, keepdim=True))
show("std(correction=0, keepdim=True)", lambda: x.std(correction=0, keepdim=True))
show("torch.mean(x, keepdim=True, dtype=int32)", lambda: torch.mean(x, keepdim=True, dtype=torch.int32))
show("torch.min(empty, dim=(0,), keepdim=True)", lambda: torch.min(e, dim=(0,), keepdim=True))
show("empty.min(keepdim=True)", lambda: e.min(keepdim=True))
show("bool prod(keepdim=False)", lambda: b.prod(keepdim=False))
show("torch.aminmax(b, 0)", lambda: torch.aminmax(b, 0))
show("aminmax(dim=0)", lambda: x.aminmax(dim=0))
show("count_nonzero((0, 1))", lambda: x.count_nonzero((0, 1)))
show("sum(dim=0.5)", lambda: x.sum(dim=0.5))
show("sum(0, keepdim=True, dtype=None)", lambda: x.sum(0, keepdim=True, dtype=None))
show("argmax(keepdim=True)", lambda: x.argmax(keepdim=True))
show("argmin(dim=None, keepdim=True)", lambda: x.argmin(dim=None, keepdim=True))
show("3-d argmax(keepdim=True)", lambda: torch.arange(24).reshape(2, 3, 4).argmax(keepdim=True))
show("max(other=x)", lambda: x.max(other=x))
show("torch.max(x, 1, True)", lambda: torch.max(x, 1, True))

# nansum with dtype=: the NaNs zeroed, then converted, then summed

x = torch.tensor([[1.0, float('nan'), 2.5], [float('nan'), -3.0, 4.0]])
for dt in (torch.float32, torch.int32, torch.int64, torch.bool, None):
    for d in (None, 0, 1):
        try:
            r = torch.nansum(x, dim=d, dtype=dt) if d is not None else torch.nansum(x, dtype=dt)
            print(dt, d, r, r.dtype)
        except Exception as e:
            print(dt, d, type(e).__name__, str(e).split('\n')[0])
i = torch.tensor([[1, 0, 2], [3, 4, 5]], dtype=torch.int32)
for dt in (torch.int32, torch.int64, torch.bool, torch.float32, None):
    r = i.nansum(dim=1, dtype=dt) if dt is not None else i.nansum(dim=1)
    print(dt, r, r.dtype)
b = torch.tensor([True, False, True])
print(torch.nansum(b), torch.nansum(b, dtype=torch.bool), torch.nansum(b, dtype=torch.int32))

# std / var with a lone bool: PyTorch's (bool unbiased) form
x = torch.tensor([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]])
for call in ["x.std(True)", "x.std(False)", "x.var(False)", "torch.std(x, False)", "torch.var(x, True)", "x.std(1, False)",
             "x.std(1, True, True)", "x.std(unbiased=False)", "torch.std_mean(x, False)", "torch.var_mean(x, True)",
             "x.std(dim=1, correction=0)", "x.std(True, True)", "x.var(True, dim=0)"]:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, str(e).split("\n")[0])

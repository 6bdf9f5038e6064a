# 0-d tensors asked for a dim they do not have (these trapped: an index past the shape), and
# reductions over an empty list of dims (all of them) or a dim named twice (PyTorch's error).
import torch


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "raises", type(e).__name__, str(e).splitlines()[0])
        return
    print(label, r)


s = torch.tensor(2.5)
show("size(0)", lambda: s.size(0))
show("size(-1)", lambda: s.size(-1))
show("size(1)", lambda: s.size(1))
show("size()", lambda: s.size())
show("stride(0)", lambda: s.stride(0))
show("stride(-1)", lambda: s.stride(-1))
show("stride()", lambda: s.stride())
show("vector size(1)", lambda: torch.ones(2).size(1))
show("cross", lambda: s.cross(s))
show("cross dim=0", lambda: torch.cross(s, s, dim=0))
show("repeat_interleave dim=0", lambda: s.repeat_interleave(2, dim=0))
show("repeat_interleave dim=-1", lambda: s.repeat_interleave(2, dim=-1))
show("repeat_interleave", lambda: s.repeat_interleave(2))
show("tensor_split", lambda: s.tensor_split(2))
show("tensor_split dim=0", lambda: s.tensor_split(2, dim=0))
show("unique dim=0", lambda: s.unique(dim=0))
show("unique dim=-1", lambda: s.unique(dim=-1))
show("unique", lambda: s.unique())
show("unique_consecutive dim=0", lambda: torch.unique_consecutive(s, dim=0))
show("unflatten", lambda: s.unflatten(0, (1,)))
show("unflatten dim=1", lambda: s.unflatten(1, (1,)))
show("int size(0)", lambda: torch.tensor(3).size(0))
show("bool stride(0)", lambda: torch.tensor(True).stride(0))

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
for name in ["sum", "mean", "amax", "amin", "nansum", "nanmean", "count_nonzero"]:
    for dims in [[], (), (0, 0), (0, -2), (1, 0), (-1, 1), [0, 1, 0]]:
        show(f"{name} dim={dims}", lambda: getattr(x, name)(dim=dims))
for dims in [[], (0, 0), (1, -1)]:
    show(f"std dim={dims}", lambda: x.std(dim=dims))
    show(f"var dim={dims}", lambda: x.var(dim=dims))
    show(f"all dim={dims}", lambda: (x > 1).all(dim=dims))
    show(f"any dim={dims}", lambda: (x > 5).any(dim=dims))
show("sum dim=[] keepdim", lambda: x.sum(dim=[], keepdim=True))
show("torch.sum dim=()", lambda: torch.sum(x, ()))
show("torch.mean (0, 0)", lambda: torch.mean(x, (0, 0)))
show("norm dim=[]", lambda: x.norm(dim=[]))
show("0-d sum (0, -1)", lambda: s.sum((0, -1)))
show("0-d sum []", lambda: s.sum([]))
show("sum dim out of range", lambda: x.sum((0, 2)))
show("int sum dim=[]", lambda: torch.tensor([[1, 2], [3, 4]]).sum(dim=[]))

# arange whose step walks away from its end
show("arange(5, 0)", lambda: torch.arange(5, 0))
show("arange(0, 5, -1)", lambda: torch.arange(0, 5, -1))
show("arange(5.0, 1.0, 0.5)", lambda: torch.arange(5.0, 1.0, 0.5))

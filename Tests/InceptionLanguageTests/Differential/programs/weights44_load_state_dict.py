# load_state_dict as PyTorch does it on a state_dict read back from a weight file: strict and
# strict=False, the _IncompatibleKeys it returns, the errors it raises; and shapes of empty
# tensors whose strides overflow (a weight file may declare one).
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.bn(self.conv(x)).mean((2, 3)))


def attempt(what, f):
    try:
        print(what, f())
    except (RuntimeError, TypeError, KeyError) as e:
        print(what, type(e).__name__ + ":", e)


m = Net()
sd = m.state_dict()
print(list(sd.keys()))
print({k: (v.dtype, tuple(v.shape)) for k, v in sd.items()})
m2 = Net()
r = m2.load_state_dict(sd)
print(r, r.missing_keys, r.unexpected_keys, type(r).__name__)
print(torch.equal(m2.fc.weight, m.fc.weight), m2.fc.weight.requires_grad)

# missing and unexpected keys, in any order
extra = {k: sd[k] for k in reversed(list(sd))}
extra["foo.weight"] = torch.zeros(2)
del extra["fc.bias"]
r = m2.load_state_dict(extra, strict=False)
print(r)
print(repr(r))
missing, unexpected = r
print(missing, unexpected)
attempt("strict", lambda: m2.load_state_dict(extra))

# wrong shapes: refused whatever strict says
bad = dict(sd)
bad["fc.weight"] = torch.zeros(3, 4)
attempt("shape", lambda: m2.load_state_dict(bad))
attempt("shape, strict=False", lambda: m2.load_state_dict(bad, strict=False))
both = dict(extra)
both["fc.weight"] = torch.zeros(3, 4)
attempt("all three", lambda: m2.load_state_dict(both))

# an old checkpoint without BatchNorm's counter
old = dict(sd)
del old["bn.num_batches_tracked"]
attempt("old, strict=False", lambda: m2.load_state_dict(old, strict=False))
attempt("old", lambda: m2.load_state_dict(old))

# values are converted to the parameter's dtype
conv = dict(sd)
conv["bn.num_batches_tracked"] = torch.tensor(7.9)
conv["fc.bias"] = torch.tensor([1, 2])
print(m2.load_state_dict(conv), m2.bn.num_batches_tracked, m2.bn.num_batches_tracked.dtype)
print(m2.fc.bias)

# a submodule's own names; a prefixed name is unexpected there
print(m2.fc.load_state_dict({"weight": torch.zeros(2, 4), "bias": torch.zeros(2)}))
print(m2.fc.load_state_dict({"fc.weight": torch.zeros(2, 4)}, strict=False))
attempt("list", lambda: m2.load_state_dict([1, 2]))
attempt("int value", lambda: m2.fc.load_state_dict({"weight": 3, "bias": torch.zeros(2)}))
print(m2.fc.load_state_dict({"weight": torch.ones(2, 4), "bias": torch.zeros(2)}, assign=True))
print(m2.fc.weight.requires_grad, type(m2.fc.weight).__name__)

# 0-size tensors in a state_dict: unexpected keys like any other
print(m2.fc.load_state_dict({"weight": torch.zeros(2, 4), "bias": torch.zeros(2), "empty": torch.zeros(0, 3)}, strict=False))

# empty shapes: the strides still have to fit
attempt("zeros", lambda: torch.zeros(0, 2**62, 2**62).stride())
attempt("empty", lambda: torch.empty(0, 2**31, 2**31, 4).shape)
print(torch.zeros(2**40, 0).stride(), torch.zeros(2**40, 0).reshape(-1).shape)
print(torch.zeros(2, 0, 3).stride(), torch.zeros(0, 4).stride(), torch.zeros(3, 0).contiguous().stride())
print(torch.zeros(2**40, 2**20, 0).stride())

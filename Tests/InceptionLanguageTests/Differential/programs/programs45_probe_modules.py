import torch
import torch.nn as nn
from collections import OrderedDict
torch.manual_seed(37)
seq = nn.Sequential(OrderedDict([("c1", nn.Conv2d(1, 2, 3)), ("r1", nn.ReLU()), ("c2", nn.Conv2d(2, 2, 1)), ("fl", nn.Flatten())]))
shared = nn.Linear(2, 2)
class Holder(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(1, 1)

tied = nn.Sequential(shared, nn.Tanh(), shared)
probes = [
    lambda: seq[1:3],
    lambda: [n for n, _ in seq[::2].named_children()],
    lambda: seq.c2 is seq[2],
    lambda: len(list(tied.parameters())), 
    lambda: [n for n, _ in tied.named_parameters()],
    lambda: [n for n, _ in tied.named_modules()],
    lambda: [n for n, _ in tied.named_modules(remove_duplicate=False)],
    lambda: list(seq.state_dict(keep_vars=True)["c1.bias"].shape),
    lambda: list(seq.state_dict(prefix="net.").keys()),
    lambda: torch.nn.utils.parameters_to_vector(shared.parameters()).shape,
    lambda: seq.insert(1, nn.BatchNorm2d(2)) and [type(m).__name__ for m in seq],
    lambda: seq.append(nn.Identity()) and len(seq),
    lambda: seq.extend([nn.Identity(), nn.Identity()]) and len(seq),
    lambda: nn.ModuleList([nn.ReLU(), nn.Tanh()])[-1],
    lambda: (lambda ml: (ml.insert(0, nn.Sigmoid()), [type(m).__name__ for m in ml])[1])(nn.ModuleList([nn.ReLU()])),
    lambda: (lambda pd: (pd.update({"b": nn.Parameter(torch.zeros(2))}), sorted(pd.keys()), pd["b"].shape)[1:])(nn.ParameterDict({"a": nn.Parameter(torch.ones(1))})),
    lambda: (lambda m: (m.register_parameter("alpha", nn.Parameter(torch.tensor(0.5))), [n for n, _ in m.named_parameters()])[1])(nn.Linear(1, 1)),
    lambda: (lambda m: (m.register_buffer("mask", None), m.mask, list(m.state_dict()))[1:])(Holder()),
    lambda: (lambda m: (setattr(m, "scale", torch.ones(2)), [n for n, _ in m.named_buffers()], m.scale)[1:])(Holder()),
    lambda: (lambda s: (s.insert(-1, nn.Tanh()), [type(m).__name__ for m in s])[1])(nn.Sequential(nn.ReLU(), nn.Sigmoid())),
    lambda: (lambda s: (s.insert(1, nn.Tanh()), [n for n, _ in s.named_children()])[1])(nn.Sequential(OrderedDict(a=nn.ReLU()))),
    lambda: (lambda m: (m.train(), m[0].training, m.eval(), m[0].training)[1::2])(nn.Sequential(nn.Dropout())),
    lambda: nn.Linear(2, 3).weight.T.shape,
    lambda: type(nn.Linear(2, 3).weight.data).__name__,
    lambda: nn.Linear(2, 3).weight.data.requires_grad,
    lambda: isinstance(nn.Linear(2, 3).weight, nn.Parameter),
    lambda: (nn.Linear(2, 3).weight * 1).__class__.__name__,
    lambda: [type(m).__name__ for m in seq.modules()][:3],
    lambda: seq.c1.weight.grad is None,
    lambda: sum(1 for _ in seq.buffers()),
    lambda: nn.Sequential(nn.Linear(2, 2)).apply(lambda m: None) is not None,
    lambda: repr(nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.ReLU(), nn.Linear(1, 1)))),
    lambda: nn.Linear(4, 2).extra_repr(),
    lambda: nn.Conv2d(1, 2, 3)._get_name(),
    lambda: str(nn.ModuleDict({"x": nn.ReLU()})),
    lambda: [k for k in nn.BatchNorm2d(2).state_dict()],
    lambda: nn.BatchNorm2d(2).num_batches_tracked.dtype,
    lambda: nn.Linear(2, 2).requires_grad_(False).weight.requires_grad,
    lambda: nn.Embedding(5, 2).weight.shape,
    lambda: nn.Sequential(*[nn.Linear(2, 2) for _ in range(3)])[1].in_features,
    lambda: nn.Conv2d(3, 8, (3, 5), stride=(1, 2)).kernel_size,
    lambda: (nn.MaxPool2d(2).kernel_size, nn.MaxPool2d(2).stride, nn.AvgPool2d(3, 2).padding),
    lambda: (nn.Dropout(0.3).p, nn.LeakyReLU().negative_slope, nn.BatchNorm1d(3).eps, nn.BatchNorm1d(3).momentum),
]
for i, p in enumerate(probes):
    try:
        print(i, p())
    except Exception as e:
        print(i, type(e).__name__, str(e).splitlines()[0])

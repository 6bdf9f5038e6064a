import torch
from collections import OrderedDict, namedtuple
Out = namedtuple("GoogLeNetOutputs", ["logits", "aux_logits2", "aux_logits1"])
o = Out(torch.zeros(1), aux_logits2=None, aux_logits1=None)
print(o)
print(o.logits, o[0], len(o), o.aux_logits1 is None)
logits, a2, a1 = o
print(logits, a2)
P = namedtuple("P", "x y")
print(P(1, 2), P(x=3, y=4).y)
d = OrderedDict()
d["b"] = 1
d["a"] = 2
print(d, list(d.items()), OrderedDict(a=1), OrderedDict([("z", 0)]))
x = torch.randint(0, 10, (3, 4))
print(x.shape, x.dtype, bool((x >= 0).all() and (x < 10).all()))
y = torch.randint(5, (100,))
print(y.min() >= 0, y.max() <= 4, torch.randint(3, 4, (2,)))
print(torch.tensor([[3.0, 1.0, 2.0]]).argsort(), torch.tensor([[3.0, 1.0, 2.0]]).argsort(dim=1, descending=True))
print(torch.ones(2, 3).sum(axis=1), torch.ones(2, 3).mean(axis=0, keepdim=True).shape)
print(torch.ones(2, 3, 4).mT.shape, torch.tensor(1.0).is_floating_point(), torch.tensor(1).is_floating_point())

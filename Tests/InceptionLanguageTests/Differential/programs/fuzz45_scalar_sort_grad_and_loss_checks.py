import torch
import torch.nn as nn
import torch.nn.functional as F
def show(f):
    try:
        r = f()
        print(r)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
for v in [1.0, -1.0]:
    x = torch.tensor(v, requires_grad=True)
    s = x.sort()[0]
    (s * 3).backward()
    print(s, x.grad)
x = torch.tensor(2.0, requires_grad=True)
t = torch.topk(x, 1)[0]
t.backward()
print(t, x.grad)
show(lambda: F.celu(torch.tensor([1.0, -1.0]), alpha=0))
show(lambda: nn.CELU(0))
show(lambda: nn.CELU(0)(torch.tensor([1.0])))
show(lambda: F.celu(torch.tensor([1, 2]), alpha=0))
show(lambda: F.celu(torch.zeros(0), alpha=0.0))
show(lambda: F.celu(torch.tensor([1.0, -1.0]), alpha=2.0))
show(lambda: F.soft_margin_loss(torch.tensor([3, 2]), torch.tensor([2, -3])))
show(lambda: F.soft_margin_loss(torch.tensor([3.0, 2.0]), torch.tensor([2, -3])))
show(lambda: F.soft_margin_loss(torch.tensor([3, 2]), torch.tensor([2.0, -3.0])))
show(lambda: F.soft_margin_loss(torch.zeros(2, 3), torch.zeros(2, 2, 3)))
show(lambda: F.soft_margin_loss(torch.zeros(2, 2, 3), torch.zeros(2, 3)))
show(lambda: F.soft_margin_loss(torch.zeros(3), torch.zeros(2, 1), reduction='sum'))
show(lambda: F.cross_entropy(torch.tensor([-1.86, 2.0, -2.39]), torch.tensor([2, 0, 0]), reduction='bad'))
show(lambda: nn.CrossEntropyLoss(reduction='bad')(torch.tensor([-1.86, 2.0, -2.39]), torch.tensor([2, 0, 0])))
show(lambda: F.cross_entropy(torch.tensor([[-1.86, 2.0, -2.39]]), torch.tensor([2]), reduction='sum'))

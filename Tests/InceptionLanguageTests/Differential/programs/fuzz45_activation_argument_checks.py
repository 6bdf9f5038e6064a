import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.tensor([[0.75, -1.5], [1.62, 0.25]])
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
show(lambda: F.hardtanh(x, min_val=1.0, max_val=-1.0))
show(lambda: F.hardtanh(x, 0.5, 0.5))
show(lambda: nn.Hardtanh(2.0, 1.0))
show(lambda: nn.Hardtanh(1, 1))
show(lambda: nn.Hardtanh(-2, 2))
show(lambda: F.softshrink(x, -1))
show(lambda: F.softshrink(x, -0.25))
show(lambda: F.softshrink(x, 0))
show(lambda: nn.Softshrink(-0.5)(x))
show(lambda: F.softshrink(torch.tensor([1, 2]), -1))
show(lambda: F.hardshrink(x, -1))

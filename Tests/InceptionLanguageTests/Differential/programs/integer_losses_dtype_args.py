# Losses and dim-wise activations on integer and bool tensors as PyTorch's kernels take them (mse,
# smooth L1 and Huber have no integer kernel, L1 of integers sums to an integer and refuses a mean,
# cross_entropy refuses integer scores and integer probability targets, softmin/glu/Softmax2d/
# normalize refuse integers); Python's int and bool as a dtype; torch.double / torch.half print as
# torch.float64 / torch.float16; dtype attributes (itemsize, is_signed, is_complex).
import torch
import torch.nn as nn
import torch.nn.functional as F
def t(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)
a = torch.tensor([1, 2]); b = torch.tensor([1, 4]); f = torch.tensor([1.5, 2.5])
for r in ["mean", "sum", "none"]:
    for x, y in [(a, b), (a, f), (f, a), (a > 1, b > 1)]:
        t(lambda: F.mse_loss(x, y, reduction=r))
        t(lambda: F.l1_loss(x, y, reduction=r))
        t(lambda: F.smooth_l1_loss(x, y, reduction=r))
        t(lambda: F.huber_loss(x, y, reduction=r))
t(lambda: nn.MSELoss()(a, b))
t(lambda: nn.L1Loss(reduction="sum")(a, b))
t(lambda: F.cross_entropy(torch.ones(2, 3, 4, dtype=torch.long), torch.zeros(2, 4, dtype=torch.long)))
t(lambda: F.cross_entropy(torch.ones(3, dtype=torch.long), torch.tensor(1)))
t(lambda: F.cross_entropy(torch.ones(2, 3, dtype=torch.long), torch.ones(2, 3, dtype=torch.long)))
t(lambda: F.cross_entropy(torch.ones(2, 3), torch.ones(2, 3, dtype=torch.bool)))
t(lambda: nn.CrossEntropyLoss()(torch.ones(2, 3, dtype=torch.bool), torch.tensor([0, 1])))
t(lambda: nn.CrossEntropyLoss()(torch.ones(2, 3), torch.tensor([[0, 1, 0], [1, 0, 0]])))
t(lambda: F.softmin(torch.tensor([[1, 2]]), dim=1))
t(lambda: F.softmin(torch.tensor([[1, 2]]), dim=0))
t(lambda: F.softmin(torch.tensor([[True, False]]), dim=1))
t(lambda: F.glu(torch.tensor([[1, 2]])))
t(lambda: nn.Softmax2d()(torch.ones(1, 2, 2, dtype=torch.long)))
t(lambda: F.normalize(torch.tensor([[1, 2]])))
t(lambda: F.normalize(torch.tensor([[1, 2]]), p=1))
t(lambda: torch.tensor([[1, 2]]).softmax(0))
t(lambda: torch.ones(2).to(int))
t(lambda: torch.ones(2).to(bool))
t(lambda: torch.double)
t(lambda: torch.half)
t(lambda: (torch.float32.itemsize, torch.int64.itemsize, torch.bool.itemsize, torch.int64.is_signed, torch.bool.is_signed, torch.float32.is_complex))

# Programs PyTorch runs that were refused here: a list of bools as an index, F.conv2d on an
# unbatched (C, H, W) input, cross_entropy over no rows.
import torch
import torch.nn.functional as F


def show(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, "raises", type(e).__name__, e)


x = torch.arange(6.).reshape(3, 2)
show("bool list mask", lambda: x[[True, False, True]])
show("bool list mask 1-d", lambda: torch.arange(3)[[True, False, True]])
show("nested bool list", lambda: x[[[True, False], [False, True], [True, True]]])
show("bool list as index of dim 1", lambda: x[:, [False, True]])
show("bool and int list", lambda: torch.arange(4)[[True, 2]])
show("bool list too short", lambda: x[[True, False]])
y = x.clone()
y[[True, False, True]] = -1.0
print("assigned through a bool list", y)
show("empty list", lambda: x[[]])

torch.manual_seed(0)
w = torch.randn(4, 3, 3, 3, requires_grad=True)
b = torch.randn(4)
img = torch.randn(3, 5, 5, requires_grad=True)
out = F.conv2d(img, w, b, padding=1)
print("unbatched conv2d", out.shape, out.grad_fn.name())
print(out[0, :2])
out.sum().backward()
print("input grad", img.grad.shape, img.grad[0, :2])
print("weight grad", w.grad[0, 0])
show("unbatched strided", lambda: F.conv2d(torch.randn(3, 7, 7), torch.randn(2, 3, 3, 3), stride=2).shape)
show("unbatched groups", lambda: F.conv2d(torch.randn(4, 5, 5), torch.randn(4, 1, 3, 3), groups=4).shape)
show("2-d input", lambda: F.conv2d(torch.randn(5, 5), torch.randn(2, 3, 3, 3)))

logits = torch.randn(0, 4, requires_grad=True)
target = torch.zeros(0, dtype=torch.long)
show("cross_entropy of no rows", lambda: F.cross_entropy(logits, target))
show("cross_entropy of no rows, sum", lambda: F.cross_entropy(logits, target, reduction="sum"))
show("cross_entropy of no rows, none", lambda: F.cross_entropy(logits, target, reduction="none"))
loss = F.cross_entropy(logits, target, reduction="sum")
loss.backward()
print("no rows, grad", logits.grad.shape)

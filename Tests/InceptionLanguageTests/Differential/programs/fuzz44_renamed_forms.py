# torch.positive, rsub, ldexp, nextafter, linalg.vecdot: values, dtypes and PyTorch's errors;
# unary + on a bool tensor, a 0-d multilabel_soft_margin_loss input, logcumsumexp of integers
import torch
import torch.nn.functional as F


def t(label, f):
    try:
        r = f()
        print(label, r, r.dtype, tuple(r.shape))
    except Exception as e:
        print(label, type(e).__name__, str(e).split("\n")[0])


x = torch.tensor([1.0, -2.0, 0.5])
y = torch.tensor([2.0, 3.0, -1.0])
i = torch.tensor([1, 2, 3])
b = torch.tensor([True, False, True])
t("positive float", lambda: torch.positive(x))
t("positive int", lambda: torch.positive(i))
t("positive bool", lambda: torch.positive(b))
t("method positive bool", lambda: b.positive())
t("unary plus bool", lambda: +b)
t("rsub tensors", lambda: torch.rsub(x, y))
t("rsub number", lambda: torch.rsub(x, 2))
t("rsub alpha", lambda: torch.rsub(x, y, alpha=2))
t("rsub int", lambda: torch.rsub(i, 2))
t("rsub int float", lambda: torch.rsub(i, 2.5))
t("rsub int by float tensor", lambda: torch.rsub(torch.tensor([[3, 4, -3], [3, -1, -1]]), y))
t("rsub bools", lambda: torch.rsub(b, b))
t("rsub int float alpha", lambda: torch.rsub(i, i, alpha=0.5))
t("ldexp float", lambda: torch.ldexp(x, i))
t("ldexp int", lambda: torch.ldexp(i, i))
t("ldexp negative", lambda: torch.ldexp(y, torch.tensor([-1, -2, 0])))
t("ldexp method", lambda: x.ldexp(i))
t("ldexp 2d", lambda: torch.ldexp(torch.ones(2, 3), torch.tensor([[1], [2]])))
t("nextafter up down", lambda: torch.nextafter(x, y) - x)
t("nextafter equal", lambda: torch.nextafter(x, x))
t("nextafter int", lambda: torch.nextafter(i, i))
t("nextafter bool", lambda: torch.nextafter(b, b))
t("nextafter method", lambda: x.nextafter(y) - x)
print("nextafter 0", torch.nextafter(torch.tensor([0.0]), torch.tensor([1.0])).item())
t("vecdot", lambda: torch.linalg.vecdot(x, y))
t("vecdot broadcast", lambda: torch.linalg.vecdot(torch.ones(2, 3), torch.ones(3), dim=-1))
t("vecdot dim 0", lambda: torch.linalg.vecdot(torch.ones(2, 3), torch.ones(2, 1), dim=0))
t("vecdot int", lambda: torch.linalg.vecdot(i, i))
t("vecdot dtypes", lambda: torch.linalg.vecdot(x, b))
t("multilabel 0-d", lambda: F.multilabel_soft_margin_loss(torch.tensor(0.16), torch.tensor(1), reduction='none'))
t("logcumsumexp int", lambda: torch.tensor([[1, 4], [0, -3]]).logcumsumexp(-2))
t("logcumsumexp bool", lambda: b.logcumsumexp(0))
fl, it, bo = torch.tensor([[1.0, 0.5]]), torch.tensor([[1, 0]]), torch.tensor([[True, False]])
t("kl_div int target", lambda: F.kl_div(fl, it, reduction='none'))
t("kl_div int input", lambda: F.kl_div(it, fl, reduction='none'))
t("kl_div bool target", lambda: F.kl_div(fl, bo, reduction='sum', log_target=True))
t("kl_div floats", lambda: F.kl_div(fl, torch.tensor([[0.25, 0.75]]), reduction='sum'))
t("squeeze twice", lambda: torch.zeros(0).squeeze((0, -1)))
t("squeeze twice 2d", lambda: torch.zeros(1, 3).squeeze((1, 0, -1)))
t("squeeze 0-d twice", lambda: torch.tensor(2.0).squeeze((0, -1)))
t("squeeze tuple", lambda: torch.zeros(1, 3, 1).squeeze((0, 2)))

# grad_fn graphs of nll_loss and l1_loss; the legacy tensor types (torch.FloatTensor, t.type())
import torch
import torch.nn.functional as F

x = torch.randn(3, 4, requires_grad=True)
c = torch.tensor([0, 2, 1])
y = torch.randn(3, requires_grad=True)
t = torch.randn(3)


def show(label, loss):
    g = loss.grad_fn
    print(label, g.name(), [None if n is None else n.name() for n, _ in g.next_functions])
    for n, _ in g.next_functions:
        if n is not None:
            print("  ", n.name(), [None if m is None else m.name() for m, _ in n.next_functions])


show("nll", F.nll_loss(F.log_softmax(x, 1), c))
show("nll none", F.nll_loss(F.log_softmax(x, 1), c, reduction="none"))
show("nll leaf", F.nll_loss(x, c))
show("l1", F.l1_loss(y, t))
show("l1 sum", F.l1_loss(y, t, reduction="sum"))
show("l1 none", F.l1_loss(y, t, reduction="none"))
show("L1Loss", torch.nn.L1Loss()(y, t))
show("mse", F.mse_loss(y, t))
loss = F.l1_loss(y, t)
loss.backward()
print(y.grad)

f, l, b, i = torch.tensor([1.]), torch.tensor([1]), torch.tensor([True]), torch.tensor([1], dtype=torch.int32)
print(isinstance(f, torch.FloatTensor), isinstance(l, torch.FloatTensor), isinstance(l, torch.LongTensor),
      isinstance(b, torch.BoolTensor), isinstance(i, torch.IntTensor), isinstance(f, torch.Tensor))
print(isinstance(torch.nn.Parameter(f), torch.FloatTensor))
print(f.type(), l.type(), b.type(), i.type())
print(f.type(torch.LongTensor), f.type("torch.LongTensor"), l.type(torch.FloatTensor), l.type("torch.BoolTensor"))
print(f.type(torch.float32) is f, f.type("torch.FloatTensor") is f, f.type(torch.int64))
print(f.is_signed(), l.is_signed(), b.is_signed(), i.is_signed())
for bad in [lambda: f.type("float32"), lambda: f.type(5)]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# optimizer.step(closure), LambdaLR's first rate, %-formatting of tensors, cross_entropy and
# nll_loss over (N, C, d1, …) and unbatched, BCE's target dtype and shape errors
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)

w = nn.Parameter(torch.tensor([1.0, -2.0]))
for make in (lambda p: torch.optim.SGD(p, lr=0.1), lambda p: torch.optim.Adam(p, lr=0.1)):
    opt = make([w])
    calls = []
    def closure():
        opt.zero_grad()
        loss = (w ** 2).sum()
        loss.backward()
        calls.append(loss.item())
        return loss
    print(opt.step(closure), w.data, calls)
    print(opt.step(), w.data)

v = nn.Parameter(torch.tensor([1.0]))
opt = torch.optim.SGD([v], lr=0.1)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda epoch: (epoch + 1) / 4)
print(opt.param_groups[0]["lr"], sched.get_last_lr())
for _ in range(3):
    opt.zero_grad(); (v ** 2).sum().backward(); opt.step(); sched.step()
    print(round(v.item(), 6), sched.get_last_lr())

acc = torch.tensor(0.5)
print("Acc: %.3f%% (%d/%d) %5.2e %s" % (100 * acc, torch.tensor(5), 10, torch.tensor([2.5]), acc))

x = torch.randn(2, 3, 4, 4, requires_grad=True)
t = torch.randint(0, 3, (2, 4, 4))
loss = F.cross_entropy(x, t)
print(loss)
loss.backward()
print(x.grad[0, :, 0, :2])
x3 = torch.randn(2, 5, 6, requires_grad=True)
t3 = torch.randint(0, 5, (2, 6))
print(F.cross_entropy(x3, t3), F.cross_entropy(x3, t3, reduction='none').shape)
print(F.cross_entropy(x3, t3, reduction='none'))
print(F.nll_loss(F.log_softmax(x3, 1), t3), F.cross_entropy(x3, t3, ignore_index=2))
print(F.cross_entropy(x3, t3, label_smoothing=0.1), F.cross_entropy(x3, t3, weight=torch.tensor([1., 2, 3, 4, 5])))
print(nn.CrossEntropyLoss()(x3, t3))
print(F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(1)), F.cross_entropy(torch.tensor([1.0, 2.0, 0.5]), torch.tensor(1), reduction='none'))
print(F.cross_entropy(torch.randn(2, 3, 2, 2, 2), torch.randint(0, 3, (2, 2, 2, 2))))
for a, b in [((2, 3, 4), (2, 5)), ((2, 3, 4, 4), (2, 4)), ((2, 3, 4), (3, 4)), ((2, 3), (2, 1)), ((6, 5), (5,))]:
    for f in (F.cross_entropy, F.nll_loss):
        try:
            f(torch.randn(*a), torch.zeros(*b, dtype=torch.long))
        except (ValueError, RuntimeError) as e:
            print(type(e).__name__, e)

for f in (F.binary_cross_entropy_with_logits, F.binary_cross_entropy):
    for target in (torch.tensor([0, 1, 1]), torch.tensor([True, False, True]), torch.tensor([0., 1., 1.])):
        try:
            print(f(torch.full((3,), 0.5), target))
        except Exception as e:
            print(type(e).__name__, e)
    try:
        f(torch.full((3, 1), 0.5), torch.ones(3))
    except ValueError as e:
        print("ValueError", e)

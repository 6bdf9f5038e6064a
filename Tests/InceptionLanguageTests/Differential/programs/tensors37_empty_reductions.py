# Reductions over empty dims as PyTorch: amax/amin/max/argmax/kthvalue errors (IndexError for an
# empty reduced dim, RuntimeError for no dim), logsumexp of nothing is -inf, var/std with a large or
# fractional correction, reshape(-1, 0) of nothing, torch.tensor([[]]) is float32
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

e = torch.zeros(0, 3)
p(lambda: e.amax(1))
p(lambda: e.amin(1, keepdim=True))
p(lambda: e.amax(0))
p(lambda: e.amin((0, 1)))
p(lambda: e.amax())
p(lambda: e.max())
p(lambda: e.min())
p(lambda: torch.zeros(2, 0, 3).amax((0, 2)))
p(lambda: torch.zeros(2, 0).amax(1))
p(lambda: e.max(1))
p(lambda: e.max(0))
p(lambda: e.min(0))
p(lambda: e.argmax())
p(lambda: e.argmin())
p(lambda: e.argmax(0))
p(lambda: e.argmin(1))
p(lambda: e.kthvalue(1, 0))
p(lambda: e.logsumexp(0))
p(lambda: e.logsumexp(1))
p(lambda: e.logsumexp((0, 1)))
p(lambda: torch.zeros(0).logsumexp(0))
x = torch.tensor([[1.0, 2.0, 4.0], [3.0, 3.0, 3.0]])
p(lambda: x.var(1, correction=0.5))
p(lambda: x.std(1, correction=1.5))
p(lambda: x.var(1, correction=3))
p(lambda: x.std(0, correction=5))
p(lambda: x.var(correction=2))
p(lambda: torch.tensor([1.0, 2.0]).var(correction=2.5))
p(lambda: torch.var_mean(x, 1, correction=0.5))
w = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
w.var(correction=0.5).backward()
print(w.grad)
w.grad = None
w.std(correction=2).backward()
print(w.grad)
p(lambda: torch.zeros(0).view(-1, 0))
p(lambda: torch.zeros(0).reshape(0, -1))
p(lambda: torch.zeros(2).view(-1, 0))
print(torch.tensor([[]]), torch.tensor([[], []]).dtype, torch.tensor([[[]]]).shape)
print(torch.tensor([[]], dtype=torch.long), torch.tensor([]).dtype)

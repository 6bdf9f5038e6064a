# scatter_reduce (every reduction, include_self, ties, int mean) and index_put (accumulate), with gradients and errors
import torch
def t(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, "ERR", type(e).__name__, e)
x = torch.tensor([1., 2, 3, 4])
t("bad", lambda: x.scatter_reduce(0, torch.tensor([0]), torch.tensor([1.]), reduce="mul"))
t("int mean", lambda: torch.tensor([1, 2, 3]).scatter_reduce(0, torch.tensor([0, 0]), torch.tensor([2, 2]), "mean"))
t("int mean2", lambda: torch.tensor([-1, 2, 3]).scatter_reduce(0, torch.tensor([0, 0]), torch.tensor([-2, 2]), "mean"))
t("int mean3", lambda: torch.tensor([-1, 2, 3]).scatter_reduce(0, torch.tensor([0, 0]), torch.tensor([-2, 2]), "mean", include_self=False))
t("dtype", lambda: x.scatter_reduce(0, torch.tensor([0]), torch.tensor([1]), "sum"))
t("oob", lambda: x.scatter_reduce(0, torch.tensor([9]), torch.tensor([1.]), "sum"))
t("rank", lambda: x.scatter_reduce(0, torch.tensor([[0]]), torch.tensor([[1.]]), "sum"))
t("torchfn", lambda: torch.scatter_reduce(x, 0, torch.tensor([0, 0]), torch.tensor([5., 7.]), reduce="amax", include_self=False))
y = x.clone(); y.scatter_reduce_(0, torch.tensor([1, 1]), torch.tensor([5., 7.]), "prod"); print(y)
src = torch.tensor([1., 2., 2., 0., 3.], requires_grad=True)
s = torch.tensor([2., 1., 0.5], requires_grad=True)
for red in ["sum", "prod", "mean", "amax", "amin"]:
    for inc in [True, False]:
        out = s.scatter_reduce(0, torch.tensor([0, 0, 1, 1, 2]), src, red, include_self=inc)
        (out * torch.tensor([1., 2., 3.])).sum().backward()
        print(red, inc, out, s.grad, src.grad, out.grad_fn.name())
        s.grad = None; src.grad = None
m = torch.zeros(2, 3)
print(m.scatter_reduce(1, torch.tensor([[0, 0], [2, 1]]), torch.tensor([[1., 5., 9.], [2., 3., 4.]]), "amax", include_self=False))
print(m.scatter_reduce(0, torch.tensor([[1, 0, 1]]), torch.tensor([[1., 5., 9.], [2., 3., 4.]]), "mean"))

x=torch.zeros(2,3)
for f in [lambda: x.index_put((torch.tensor([0,1]), torch.tensor([2,0])), torch.tensor([5., 6.])), lambda: x.index_put([torch.tensor([0,0])], torch.tensor([1., 2, 3]), accumulate=True),
  lambda: x.index_put((torch.tensor([0]),), torch.tensor([1])), lambda: x.index_put(torch.tensor([0]), torch.tensor([1.])), lambda: x.index_put((torch.tensor([0, 1]),), torch.ones(3, 3)),
  lambda: x.index_put((torch.tensor([True, False]),), torch.tensor(7.)), lambda: torch.index_put(x, (torch.tensor([1]),), torch.tensor(2.)), lambda: x.index_put((torch.tensor([5]),), torch.tensor(2.)), lambda: x.index_put((0,), torch.tensor(2.))]:
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
w = torch.ones(3, requires_grad=True); v = torch.tensor([2., 3.], requires_grad=True)
y = w * 2
y.index_put_((torch.tensor([0, 0]),), v, accumulate=True)
print(y, y.grad_fn.name())
(y * torch.tensor([1., 2., 3.])).sum().backward(); print(w.grad, v.grad)
z = w.index_put((torch.tensor([2, 2]),), v); print(z, z.grad_fn.name())
x2 = torch.zeros(3, 3); x2.index_put_((torch.tensor([0, 2]), torch.tensor([1, 1])), torch.tensor(1.)); print(x2)

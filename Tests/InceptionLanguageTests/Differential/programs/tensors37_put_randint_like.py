# x.put / put_ / torch.put (flat places, repeats keep the last, accumulate adds) with PyTorch's
# checks, texts and gradient; torch.randint_like in the input's dtype or dtype=
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

x = torch.arange(6.0).reshape(2, 3)
p(lambda: x.put(torch.tensor([[0, -1]]), torch.tensor([5.0, 6.0])))
p(lambda: x.clone().put_(torch.tensor([0, 0, 5]), torch.tensor([1.0, 2.0, 3.0]), accumulate=True))
p(lambda: x.clone().put_(torch.tensor([0, 0]), torch.tensor([1.0, 2.0])))
p(lambda: torch.put(x, torch.tensor([1]), torch.tensor([9.0])))
p(lambda: torch.tensor([1, 2, 3]).put(torch.tensor([2]), torch.tensor([7])))
p(lambda: x.clone().put_(torch.tensor([10]), torch.tensor([1.0])))
p(lambda: x.clone().put_(torch.tensor([-7]), torch.tensor([1.0])))
p(lambda: x.clone().put_(torch.tensor([1, 2]), torch.tensor([1.0])))
p(lambda: x.clone().put_(torch.tensor([1]), torch.tensor([1])))
p(lambda: x.clone().put_(torch.tensor([1], dtype=torch.int32), torch.tensor([1.0])))
p(lambda: x.clone().put_(torch.tensor([1.0]), torch.tensor([1.0])))
y = x.clone()
y.put_(torch.tensor([4]), torch.tensor([-1.0]))
print(y)
a = torch.arange(4.0, requires_grad=True)
s = torch.tensor([10.0, 20.0], requires_grad=True)
out = a.put(torch.tensor([1, 3]), s)
print(out, out.grad_fn.name())
(out * torch.tensor([1.0, 2, 3, 4])).sum().backward()
print(a.grad, s.grad)
a.grad = None
s.grad = None
out = a.put(torch.tensor([1, 1]), s, accumulate=True)
(out * torch.tensor([1.0, 2, 3, 4])).sum().backward()
print(out, a.grad, s.grad)
print(torch.randint_like(x, 10))
print(torch.randint_like(x, 3, 10))
print(torch.randint_like(x.long(), high=5))
print(torch.randint_like(x, 10, dtype=torch.long))
print(torch.randint_like(torch.zeros(3, dtype=torch.int32), 4).dtype)

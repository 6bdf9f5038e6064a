# PyTorch's alias names multiply, subtract, greater, greater_equal, less, less_equal, not_equal
# (methods, in-place twins, torch functions); masked_scatter / masked_scatter_ with broadcasting,
# PyTorch's error texts and gradients
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

x = torch.arange(6.0).reshape(2, 3)
p(lambda: x.multiply(2))
p(lambda: torch.multiply(x, torch.tensor([1.0, -1.0, 2.0])))
p(lambda: x.subtract(1, alpha=2))
p(lambda: torch.subtract(x, 1))
p(lambda: x.greater(2))
p(lambda: x.greater_equal(2))
p(lambda: x.less(2))
p(lambda: torch.less_equal(x, 2))
p(lambda: x.not_equal(2))
p(lambda: torch.greater(x, 2.5))
p(lambda: torch.not_equal(x, torch.tensor([0.0, 1.0, 0.0])))
z = x.clone()
z.multiply_(3)
z.subtract_(1)
print(z)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.multiply(a, a).subtract(a)
print(b, b.grad_fn.name())
b.sum().backward()
print(a.grad)
p(lambda: x.masked_scatter(x > 2, torch.tensor([10.0, 20.0, 30.0, 40.0])))
p(lambda: x.masked_scatter(torch.tensor([True, False, True]), torch.arange(10.0).reshape(2, 5)))
p(lambda: torch.masked_scatter(x, x > 4, torch.tensor([7.0])))
p(lambda: x.masked_scatter(x > 2, torch.tensor([1.0])))
p(lambda: x.masked_scatter((x > 2).float(), torch.ones(5)))
p(lambda: x.masked_scatter(x > 2, torch.ones(5, dtype=torch.long)))
p(lambda: x.masked_scatter(torch.tensor([True, False]), torch.ones(6)))
p(lambda: torch.tensor([1, 2, 3]).masked_scatter(torch.tensor([False, True, True]), torch.tensor([8, 9])))
w = torch.zeros(2, 3)
w.masked_scatter_(torch.tensor([[True], [False]]), torch.tensor([4.0, 5.0, 6.0, 7.0]))
print(w)
s = torch.arange(6.0, requires_grad=True)
src = torch.arange(10.0, 16.0, requires_grad=True)
y = s.masked_scatter(s > 2, src)
print(y, y.grad_fn.name())
(y * torch.arange(6.0)).sum().backward()
print(s.grad, src.grad)

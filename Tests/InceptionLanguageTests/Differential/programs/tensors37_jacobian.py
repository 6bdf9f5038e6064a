# torch.autograd.functional.jacobian of one or several inputs (output.shape + input.shape, zeros
# where the output does not depend on an input; the result has no history, the input's .grad is
# untouched)
import torch
from torch.autograd.functional import jacobian
print(torch.autograd.functional.jacobian(lambda t: t ** 2, torch.tensor([1.0, 2.0])))
print(jacobian(lambda t: t.sum(), torch.tensor([1.0, 2.0, 3.0])))
print(jacobian(lambda t: (t @ t.t()), torch.tensor([[1.0, 2.0], [3.0, 4.0]])).shape)
def f(x, y):
    return x * y + x.sum()
print(jacobian(f, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 5.0]))))
print(jacobian(lambda t: torch.ones(2), torch.tensor([1.0, 2.0])))
w = torch.randn(3, 2)
print(jacobian(lambda v: torch.tanh(w @ v), torch.randn(2)))
x = torch.tensor([1.0, 2.0], requires_grad=True)
J = jacobian(lambda t: t.exp(), x)
print(J, J.requires_grad, x.grad)
def g(a, b):
    return a.unsqueeze(1) * b
print(jacobian(g, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0, 5.0])))[1].shape)

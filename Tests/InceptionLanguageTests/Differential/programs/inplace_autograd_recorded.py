# In-place changes of intermediate results while autograd records, as PyTorch records them:
# exp_, sigmoid_, tanh_, sin_, abs_, pow_, square_, clamp_, lerp_, expm1_ (computed from a
# stand-in for the tensor as it was, the tensor taking over the result's node), masked_fill_,
# index_fill_, scatter_, neg_, floor_, cumsum_, tril_, copy_ (their backward reads no values),
# chains of them, and the new in-place methods (masked_fill_, lerp_, clip_, fmod_, gt_, …);
# where PyTorch's backward reads a result that was then changed again (exp_ then add_), both
# refuse with a RuntimeError.
import torch

x = (torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.7 - 1.3).sin().mul(2).requires_grad_()
w = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
weights = (torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.3 + 0.2).cos()

def run(*steps, start=lambda: x * w):
    x.grad = None
    w.grad = None
    y = start()
    for step in steps:
        step(y)
    (y * weights).sum().backward()
    print(y, x.grad, w.grad)

run(lambda y: y.exp_())
run(lambda y: y.sigmoid_(), start=lambda: x + w)
run(lambda y: y.sin_(), lambda y: y.mul_(2))
run(lambda y: y.abs_(), lambda y: y.add_(1.5), lambda y: y.pow_(2))
run(lambda y: y.square_(), lambda y: y.clamp_(-1, 1), start=lambda: x @ torch.diag(w))
run(lambda y: y.lerp_(x, 0.25), lambda y: y.tanh_())
run(lambda y: y.expm1_(), start=lambda: x.tanh() * 2)
run(lambda y: y.masked_fill_(y.detach() > 0.5, 0.0), lambda y: y.neg_(), lambda y: y.floor_())
run(lambda y: y.index_fill_(1, torch.tensor([1]), -1.0), lambda y: y.scatter_(1, torch.tensor([[0], [2]]), 1.0), lambda y: y.cumsum_(1))
run(lambda y: y.copy_(x * w), lambda y: y.mul_(w), start=lambda: x.tanh() * 2)
run(lambda y: y.tril_(), lambda y: y.add_(w), start=lambda: x + w)

def zero_one(y):
    y[0, 1] = 0.0

run(lambda y: y.clamp_(-0.5, 0.5), zero_one, start=lambda: x * 1.0)
for steps in [(lambda y: y.exp_(), lambda y: y.add_(1)), (lambda y: y.sigmoid_(), lambda y: y.mul_(2))]:
    try:
        run(*steps)
    except RuntimeError as err:
        print(type(err).__name__)
t = torch.tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]])
print(t.clone().masked_fill_(t > 0, -9.0), t.clone().lerp_(torch.ones(3), 0.5), t.clone().clip_(-1, 1), t.clone().fmod_(2), t.clone().gt_(0),
      t.clone().remainder_(2), t.clone().cumsum_(1), t.clone().tril_(), t.clone().logical_not_(), t.clone().copysign_(torch.tensor([-1.0, 1.0, -1.0])))

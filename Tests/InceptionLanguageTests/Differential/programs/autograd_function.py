# torch.autograd.Function: an operation with a backward of one's own (ctx.save_for_backward,
# saved_tensors, needs_input_grad, attributes on ctx), forward run with gradients off, and
# PyTorch's checks on what backward returns.
import torch
from torch.autograd import Function


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.save_for_backward(x)
        ctx.k = k
        print("grad enabled in forward:", torch.is_grad_enabled())
        return x * x * k

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        print("needs_input_grad", ctx.needs_input_grad)
        return 2 * x * grad * ctx.k, None


class ClipGradient(Function):
    """Identity forward; the backward clips the gradient (a straight-through trick)."""
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        return grad.clamp(-0.1, 0.1)


x = torch.tensor([3.0, 1.0], requires_grad=True)
y = Square.apply(x, 2)
print(y)
y.sum().backward()
print(x.grad)
print(Square.apply(torch.tensor([2.0]), 3))

w = torch.tensor([0.5, -2.0, 1.5], requires_grad=True)
loss = (ClipGradient.apply(w) * 10).sum()
loss.backward()
print(w.grad)


class Misbehaving(Function):
    """backward returns a gradient of the wrong shape, or one gradient too many."""
    @staticmethod
    def forward(ctx, x, fault):
        ctx.fault = fault
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return (grad[:1], None) if ctx.fault == "shape" else (grad, None, grad)


for fault in ("shape", "count"):
    try:
        Misbehaving.apply(torch.ones(3, requires_grad=True), fault).sum().backward()
    except RuntimeError as e:
        print("RuntimeError:", e)

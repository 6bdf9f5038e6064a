# x *= c and x /= c (and mul_ / div_) on a tensor with history, c a number or a tensor that needs
# no gradient: recorded as PyTorch records them (x takes over the MulBackward0 / DivBackward0).
import torch

torch.manual_seed(0)
w = torch.randn(3, 3, requires_grad=True)
v = torch.randn(3)
z = torch.where(v > 0, w.sum(0), v)
z *= 2
z /= torch.tensor([1., 2., 4.])
print(z.grad_fn.name(), z)
z.sum().backward()
print(w.grad)

x = torch.randn(4, requires_grad=True)
h = x * 3
h.mul_(0.5)
h.div_(2)
print(h.grad_fn.name())
h.sum().backward()
print(h, x.grad)

# a scaled branch, as a residual block's `out *= scale` writes it
layer = torch.nn.Linear(4, 2)
out = layer(torch.randn(5, 4))
out *= 0.1
out.mean().backward()
print(layer.weight.grad, layer.bias.grad)

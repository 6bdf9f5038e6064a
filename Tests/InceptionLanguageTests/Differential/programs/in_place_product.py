# x *= y and x /= y where y requires a gradient too: y's gradient reads x as it was before the
# change, and x's history goes on behind it (MulBackward0 / DivBackward0 on x).
import torch
import torch.nn as nn

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x = torch.randn(3, requires_grad=True)
y = x * 2
y *= w
print(y.grad_fn.name(), y)
y.sum().backward()
print(w.grad, x.grad)

# a gate applied in place, computed from the block's input
conv = nn.Conv2d(2, 4, 3, padding=1)
fc = nn.Linear(2, 4)
image = torch.randn(2, 2, 5, 5)
gate = torch.sigmoid(fc(image.mean((2, 3))))
features = conv(image)
features *= gate[:, :, None, None]
loss = features.pow(2).mean()
loss.backward()
print(features.grad_fn.name(), round(loss.item(), 6))
print(conv.bias.grad, fc.bias.grad)

# divided in place by a learned scale, then multiplied by its exponential
s = torch.randn(4, requires_grad=True)
h = torch.randn(2, 4, requires_grad=True) + 0.5
h /= s
h.mul_(s.exp())
(h ** 2).sum().backward()
print(h.grad_fn.name(), s.grad)

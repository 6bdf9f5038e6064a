# F.dropout carries the gradient (g · mask, MulBackward0); a dropped negative is −0, as x · mask
import torch
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(6, requires_grad=True)
y = F.dropout(x, 0.5, training=True)
y.sum().backward()
print(y, x.grad)
z = torch.randn(4, requires_grad=True)
w = F.dropout(z * 2, p=0.25)
w.sum().backward(); print(z.grad)
print(F.dropout(torch.tensor([-1., float("nan"), 2.]), p=1.0))

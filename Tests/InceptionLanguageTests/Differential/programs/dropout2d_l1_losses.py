# Channel dropout (nn.Dropout2d, F.dropout2d) from the default generator, and the L1 / smooth L1 / Huber losses with their gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.ones(2, 3, 2, 2, requires_grad=True)
d = nn.Dropout2d(0.4)
print(d)
y = d(x)
print(y[:, :, 0, 0], y.grad_fn.name())
y.sum().backward()
print(x.grad[:, :, 0, 0])
d.eval()
print(torch.equal(d(x), x))
print(F.dropout2d(torch.ones(1, 4, 1, 1), 0.5)[0, :, 0, 0])
a, b = torch.tensor([0.5, -2.0, 3.0, 0.1], requires_grad=True), torch.zeros(4)
for loss in [F.l1_loss(a, b), F.smooth_l1_loss(a, b), F.smooth_l1_loss(a, b, beta=0.5), F.huber_loss(a, b, delta=2.0),
             nn.L1Loss()(a, b), nn.SmoothL1Loss(beta=2.0)(a, b), nn.HuberLoss()(a, b), F.smooth_l1_loss(a, b, reduction="sum"), F.l1_loss(a, b, reduction="none")]:
    loss.sum().backward()
    print(loss.detach(), loss.grad_fn.name(), a.grad)
    a.grad = None
print(nn.SmoothL1Loss(), nn.L1Loss())

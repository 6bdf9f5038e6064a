# The "Neural Networks" tutorial walks the graph back from an MSE loss:
# loss.grad_fn, .next_functions[0][0] (the Linear's AddmmBackward0), then its AccumulateGrad;
# MSE, smooth L1, Huber and BCE (with logits too) show their input and target as PyTorch's nodes do
import torch
import torch.nn as nn
import torch.nn.functional as F

net = nn.Sequential(nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 3))
output = net(torch.randn(1, 6))
target = torch.randn(3).view(1, -1)
criterion = nn.MSELoss()
loss = criterion(output, target)
print(loss.grad_fn.name())
print(loss.grad_fn.next_functions[0][0].name())
print(loss.grad_fn.next_functions[0][0].next_functions[0][0].name())
print(loss.grad_fn.next_functions[1])

x = torch.randn(4, 3, requires_grad=True)
y = x * 2
t = torch.randn(4, 3)
p = torch.rand(4, 3)
def edges(loss):
    return [(f.name() if f is not None else None, i) for f, i in loss.grad_fn.next_functions]
for name, loss in [("mse", F.mse_loss(y, t)), ("mse_sum", nn.MSELoss(reduction="sum")(y, t)),
                   ("mse_none", F.mse_loss(y, t, reduction="none")), ("smooth_l1", F.smooth_l1_loss(y, t)),
                   ("huber", F.huber_loss(y, t)), ("bce", F.binary_cross_entropy(torch.sigmoid(y), p)),
                   ("bce_logits", F.binary_cross_entropy_with_logits(y, p)),
                   ("bce_pos_weight", nn.BCEWithLogitsLoss(pos_weight=torch.ones(3))(y, p)),
                   ("mse_both", F.mse_loss(y, y.detach().requires_grad_()))]:
    print(name, loss.grad_fn.name(), edges(loss))

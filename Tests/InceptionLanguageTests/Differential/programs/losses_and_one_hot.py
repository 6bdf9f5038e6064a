import torch
import torch.nn as nn
import torch.nn.functional as F
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], requires_grad=True)
y = torch.tensor([0, 2])
print(F.cross_entropy(logits, y), F.cross_entropy(logits, y, reduction="sum"), F.cross_entropy(logits, y, reduction="none"))
l = F.cross_entropy(logits, y, label_smoothing=0.1)
l.backward()
print(l, logits.grad)
logits.grad = None
l = nn.CrossEntropyLoss(reduction="none", label_smoothing=0.2)(logits, y).sum()
l.backward()
print(l, logits.grad)
print(F.nll_loss(F.log_softmax(logits, dim=1), y), nn.NLLLoss(reduction="sum")(torch.log_softmax(logits, 1), y))
print(F.one_hot(y, num_classes=3), F.one_hot(torch.tensor([[1], [0]])))
t = torch.zeros(2, 3)
print(F.mse_loss(logits, t), nn.MSELoss()(logits, torch.ones(2, 3)), F.mse_loss(logits, t, reduction="none"))
w = torch.tensor([1.0, -2.0], requires_grad=True)
F.leaky_relu(w, 0.1).sum().backward()
print(F.leaky_relu(w), w.grad)

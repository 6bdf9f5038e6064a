import torch
import torch.nn as nn
import torch.nn.functional as F
# cross_entropy and nll_loss with class weights and ignore_index (the default -100 too), with label smoothing, and their gradients
logits = torch.randn(4, 3, requires_grad=True); y = torch.tensor([0, 2, 1, 1])
w = torch.tensor([1., 2., 3.])
l1 = nn.CrossEntropyLoss(weight=w)(logits, y)
l2 = F.nll_loss(F.log_softmax(logits, 1), y, weight=w, reduction="sum")
l3 = F.cross_entropy(logits, y, weight=w, reduction="none")
print(l1, l2, l3)
(l1 + l2 + l3.sum()).backward()
print(logits.grad)

logits = torch.randn(5, 4, requires_grad=True); y = torch.tensor([0, -100, 3, 1, -100])
l = F.cross_entropy(logits, y)
print(l, F.cross_entropy(logits, y, reduction="none"), F.cross_entropy(logits, torch.tensor([0, 2, 3, 1, 2]), ignore_index=2))
l.backward()
print(logits.grad)
print(nn.NLLLoss(ignore_index=1)(F.log_softmax(logits, 1), torch.tensor([1, 1, 0, 2, 3])))

logits = torch.randn(5, 4); y = torch.tensor([0, -100, 3, 1, 2])
print(F.cross_entropy(logits, y, label_smoothing=0.2), F.cross_entropy(logits, y, label_smoothing=0.2, reduction="sum"), F.cross_entropy(logits, y, label_smoothing=0.1, reduction="none"))

import torch
import torch.nn.functional as F
logits = torch.tensor([[2.0, 0.0, -1.0], [0.1, 0.2, 0.3]], requires_grad=True)
aux1 = torch.tensor([[0.5, 0.5, 0.0], [1.0, -1.0, 0.0]], requires_grad=True)
aux2 = torch.tensor([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], requires_grad=True)
y = torch.tensor([0, 2])
loss = F.cross_entropy(logits, y) + 0.3 * (F.cross_entropy(aux1, y) + F.cross_entropy(aux2, y))
loss.backward()
print(loss)
print(logits.grad)
print(aux1.grad)

import torch
import torch.nn as nn
import torch.nn.functional as F
model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.linspace(-1, 1, p.numel()).reshape(p.shape))
x = torch.linspace(-2, 2, 8).reshape(2, 4)
y = torch.tensor([1, 0])
loss = F.cross_entropy(model(x), y)
loss.backward()
total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5)
print(total)
print(model[0].weight.grad)
for p in model[0].parameters():
    p.requires_grad = False
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.1)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
model.requires_grad_(True)
print(all(p.requires_grad for p in model.parameters()))
with torch.inference_mode():
    print(model(x).requires_grad)
with torch.set_grad_enabled(False):
    print(model(x).requires_grad)
print(torch.is_grad_enabled())
logits = torch.tensor([0.5, -1.0, 2.0])
target = torch.tensor([1.0, 0.0, 1.0])
print(F.binary_cross_entropy_with_logits(logits, target))
print(nn.BCEWithLogitsLoss()(logits, target))
print(F.binary_cross_entropy(torch.sigmoid(logits), target))
print(torch.full((2, 2), 3.0), torch.randn_like(x).shape)
p = torch.tensor([0.2, 0.7, 0.9], requires_grad=True)
F.binary_cross_entropy(p, target, reduction="sum").backward()
print(p.grad)
z = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
nn.BCEWithLogitsLoss(reduction="none")(z, target).sum().backward()
print(z.grad)
print(list(map(lambda v: v * 2, [1, 2, 3])), list(filter(None, [0, 1, 2])))

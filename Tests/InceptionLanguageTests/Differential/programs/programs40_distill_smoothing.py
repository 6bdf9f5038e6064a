# Knowledge distillation (KL with temperature, log_target), label smoothing with class weights
# and ignore_index (ATen's cross_entropy_loss_label_smoothing), mixup with soft targets.
import torch
import torch.nn as nn
import torch.nn.functional as F

teacher = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 4))
student = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 4))
X = torch.randn(64, 8)
y = torch.randint(0, 4, (64,))
T, alpha = 4.0, 0.7
opt = torch.optim.Adam(student.parameters(), lr=1e-2)
teacher.eval()
for epoch in range(4):
    student.train()
    with torch.no_grad():
        t_logits = teacher(X)
    s_logits = student(X)
    soft = F.kl_div(F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1), reduction="batchmean") * (T * T)
    hard = F.cross_entropy(s_logits, y, label_smoothing=0.1)
    loss = alpha * soft + (1 - alpha) * hard
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"epoch {epoch}: soft={soft.item():.4f} hard={hard.item():.4f} loss={loss.item():.4f}")

a = F.log_softmax(torch.randn(3, 5), dim=1)
b = F.log_softmax(torch.randn(3, 5), dim=1)
print(F.kl_div(a, b, reduction="batchmean", log_target=True))
print(F.kl_div(a, b, reduction="none", log_target=True))
print(nn.KLDivLoss(reduction="sum", log_target=True)(a, b))

# label smoothing with weights and ignore_index, every reduction, and its gradient
logits = torch.randn(6, 5, requires_grad=True)
target = torch.tensor([0, 4, 2, 1, 3, 2])
w = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])
for red in ["mean", "sum", "none"]:
    print(red, F.cross_entropy(logits, target, weight=w, label_smoothing=0.2, reduction=red))
    print(red, F.cross_entropy(logits, target, weight=w, ignore_index=2, label_smoothing=0.2, reduction=red))
crit = nn.CrossEntropyLoss(weight=w, label_smoothing=0.3, ignore_index=4)
loss = crit(logits, target)
loss.backward()
print(crit, loss)
print(logits.grad)
l3 = torch.randn(2, 4, 3)
t3 = torch.randint(0, 4, (2, 3))
print(F.cross_entropy(l3, t3, weight=torch.tensor([0.5, 1.0, 2.0, 1.5]), label_smoothing=0.15))
print(F.cross_entropy(l3, t3, weight=torch.tensor([0.5, 1.0, 2.0, 1.5]), label_smoothing=0.15, reduction="none"))

class LabelSmoothingLoss(nn.Module):
    def __init__(self, classes, smoothing=0.0, dim=-1):
        super().__init__()
        self.confidence = 1.0 - smoothing
        self.smoothing = smoothing
        self.cls = classes
        self.dim = dim
    def forward(self, pred, target):
        pred = pred.log_softmax(dim=self.dim)
        with torch.no_grad():
            true_dist = torch.zeros_like(pred)
            true_dist.fill_(self.smoothing / (self.cls - 1))
            true_dist.scatter_(1, target.data.unsqueeze(1), self.confidence)
        return torch.mean(torch.sum(-true_dist * pred, dim=self.dim))
print(LabelSmoothingLoss(5, 0.1)(logits.detach(), target))
try:
    nn.CrossEntropyLoss(label_smoothing=1.5)(logits, target)
except RuntimeError as e:
    print("RuntimeError", e)

# mixup: a permuted batch mixed in, the loss mixed the same way, and as soft targets
model = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
Xm = torch.randn(32, 10)
Ym = torch.randint(0, 3, (32,))
for step in range(3):
    lam = torch.rand(1).item()
    index = torch.randperm(Xm.size(0))
    out = model(lam * Xm + (1 - lam) * Xm[index, :])
    loss = lam * F.cross_entropy(out, Ym) + (1 - lam) * F.cross_entropy(out, Ym[index])
    opt.zero_grad()
    loss.backward()
    opt.step()
    soft = lam * F.one_hot(Ym, 3).float() + (1 - lam) * F.one_hot(Ym[index], 3).float()
    print(f"step {step} lam={lam:.4f} loss={loss.item():.4f} soft={F.cross_entropy(out, soft).item():.4f}")

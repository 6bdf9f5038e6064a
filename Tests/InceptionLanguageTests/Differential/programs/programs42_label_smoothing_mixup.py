# Label smoothing written by hand (one-hot * (1-eps) + eps/K, log_softmax, sum) compared with
# CrossEntropyLoss(label_smoothing=...), and mixup with a permuted batch and a fixed lambda,
# including the two-target mixup loss and soft-target cross entropy.
import torch
import torch.nn as nn
import torch.nn.functional as F


def smooth_one_hot(targets, n_classes, smoothing=0.1):
    with torch.no_grad():
        dist = torch.full((targets.size(0), n_classes), smoothing / (n_classes - 1))
        dist.scatter_(1, targets.unsqueeze(1), 1.0 - smoothing)
    return dist


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
            true_dist.fill_(self.smoothing / self.cls)
            true_dist.scatter_(1, target.data.unsqueeze(1), self.confidence + self.smoothing / self.cls)
        return torch.mean(torch.sum(-true_dist * pred, dim=self.dim))


logits = torch.randn(6, 5, requires_grad=True)
target = torch.tensor([0, 4, 2, 2, 1, 3])
print(smooth_one_hot(target, 5, 0.2))
ours = LabelSmoothingLoss(5, smoothing=0.1)(logits, target)
builtin = nn.CrossEntropyLoss(label_smoothing=0.1)(logits, target)
print(f"hand {ours.item():.6f} builtin {builtin.item():.6f} same {torch.allclose(ours, builtin)}")
ours.backward()
g1 = logits.grad.clone()
logits.grad = None
builtin.backward()
print(torch.allclose(g1, logits.grad, atol=1e-6))
print(F.cross_entropy(logits, target, label_smoothing=0.3, reduction="none"))
w = torch.tensor([1.0, 2.0, 1.0, 0.5, 1.0])
print(F.cross_entropy(logits, target, weight=w, label_smoothing=0.1).item())
soft = smooth_one_hot(target, 5, 0.1)
print(F.cross_entropy(logits, soft).item())
print((-(soft * F.log_softmax(logits, -1)).sum(-1)).mean().item())

# mixup
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
X = torch.randn(10, 8)
y = torch.randint(0, 3, (10,))
lam_seq = [0.7, 0.55, 0.9, 0.62]
for step, lam in enumerate(lam_seq):
    index = torch.randperm(X.size(0))
    mixed_x = lam * X + (1 - lam) * X[index, :]
    y_a, y_b = y, y[index]
    pred = model(mixed_x)
    crit = nn.CrossEntropyLoss()
    loss = lam * crit(pred, y_a) + (1 - lam) * crit(pred, y_b)
    one_hot = F.one_hot(y, 3).float()
    mixed_y = lam * one_hot + (1 - lam) * one_hot[index]
    soft_loss = torch.sum(-mixed_y * F.log_softmax(pred, dim=-1), dim=-1).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"step {step} lam={lam:.2f} loss={loss.item():.4f} soft={soft_loss.item():.4f} "
          f"same={abs(loss.item() - soft_loss.item()) < 1e-5}")
print(index.tolist(), mixed_y.sum(1))
beta = torch.distributions.Beta(torch.tensor([0.4]), torch.tensor([0.4]))
lam = beta.sample()
print(lam.shape, 0.0 <= lam.item() <= 1.0)

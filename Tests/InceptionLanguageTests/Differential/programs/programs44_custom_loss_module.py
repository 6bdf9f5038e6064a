import torch
import torch.nn as nn
class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0, reduction="mean"):
        super().__init__()
        self.gamma = gamma; self.reduction = reduction
    def forward(self, logits, target):
        logp = torch.log_softmax(logits, dim=-1)
        pt = logp.gather(1, target.unsqueeze(1)).squeeze(1).exp()
        loss = -((1 - pt) ** self.gamma) * torch.log(pt)
        return loss.mean() if self.reduction == "mean" else loss.sum()
    def extra_repr(self):
        return f"gamma={self.gamma}, reduction={self.reduction!r}"
crit = FocalLoss()
print(crit)
logits = torch.randn(4, 3, requires_grad=True); t = torch.tensor([0, 2, 1, 2])
l = crit(logits, t); l.backward()
print(f"{l.item():.5f}", logits.grad.sum(dim=1).abs().max().item() < 1e-6)
print(f"{FocalLoss(gamma=0.0)(logits, t).item():.5f} vs {nn.functional.cross_entropy(logits, t).item():.5f}")
class Wrapper(nn.Module):
    def __init__(self, base):
        super().__init__(); self.base = base; self.loss = FocalLoss(1.0, "sum")
wr = Wrapper(nn.Linear(2, 3)); print(wr)
print([type(m).__name__ for m in wr.modules()], list(wr.state_dict()))

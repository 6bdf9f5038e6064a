import torch
import torch.nn as nn
import torch.nn.functional as F

class TwoHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(2), nn.Flatten())
        self.cls = nn.Linear(16, 3)
        self.box = nn.Linear(16, 4)

    def forward(self, x):
        h = self.trunk(x)
        return {"logits": self.cls(h), "box": torch.sigmoid(self.box(h))}

torch.manual_seed(18)
net = TwoHead()
x = torch.randn(5, 1, 6, 6)
labels = torch.tensor([0, 2, 1, 1, 0])
boxes = torch.rand(5, 4)
opt = torch.optim.Adam(net.parameters(), lr=1e-2, weight_decay=1e-4)
for step in range(4):
    out = net(x)
    l_cls = F.cross_entropy(out["logits"], labels, label_smoothing=0.1)
    l_box = F.smooth_l1_loss(out["box"], boxes, beta=0.5)
    l_mse = F.mse_loss(out["box"], boxes, reduction="sum")
    loss = l_cls + 2.0 * l_box
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"step {step}: cls={l_cls.item():.4f} box={l_box.item():.4f} mse_sum={l_mse.item():.4f} total={loss.item():.4f}")
out = net(x)
print({k: tuple(v.shape) for k, v in out.items()})
print(F.binary_cross_entropy(out["box"], boxes).item() > 0, F.l1_loss(out["box"], boxes, reduction="none").shape)
w = torch.tensor([1.0, 2.0, 0.5])
print(f"{F.cross_entropy(out['logits'], labels, weight=w).item():.4f}")
print(f"{F.nll_loss(F.log_softmax(out['logits'], 1), labels, ignore_index=1).item():.4f}")
print(f"{F.kl_div(F.log_softmax(out['logits'], 1), F.softmax(torch.zeros(5, 3), 1), reduction='batchmean').item():.4f}")
print(f"{nn.BCEWithLogitsLoss(pos_weight=torch.tensor([2.0, 1.0, 1.0, 1.0]))(out['box'], boxes).item():.4f}")
print(nn.CrossEntropyLoss(reduction="none")(out["logits"], labels).shape, nn.HuberLoss(delta=0.2)(out["box"], boxes).item() >= 0)

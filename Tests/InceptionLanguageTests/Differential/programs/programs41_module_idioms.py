# Idioms from tutorials: a scheduler's .optimizer (warm-up loops read its param_groups), module.extra_repr()
import torch
import torch.nn as nn
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=0.1)
ws = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: min(1.0, (e + 1) / 3))
print(ws.optimizer is opt, ws.optimizer.param_groups[0]['lr'])
for _ in range(3):
    ws.optimizer.step(); ws.step()
    print(round(ws.get_last_lr()[0], 4), round(ws.optimizer.param_groups[0]['lr'], 4))
for s in [torch.optim.lr_scheduler.StepLR(opt, 2), torch.optim.lr_scheduler.ReduceLROnPlateau(opt),
          torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=10), torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, 3)]:
    print(type(s).__name__, s.optimizer is opt)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
class Named(nn.Module):
    def __init__(self):
        super().__init__()
        self.k = 4
    def extra_repr(self):
        return f"k={self.k}"
print(repr(Net().extra_repr()), Named().extra_repr(), Named())
for m in [nn.Linear(2, 3), nn.Conv2d(1, 2, 3, stride=2), nn.ReLU(), nn.Dropout(0.2), nn.BatchNorm1d(4), nn.Sequential(nn.ReLU()), nn.LSTM(3, 4), nn.Embedding(5, 2)]:
    print(type(m).__name__, repr(m.extra_repr()))

import torch.nn as nn
m = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 4, 1))
print(sum(p.numel() for p in m.parameters()))
print([p.shape for p in m.parameters() if p.dim() == 4])
print([type(l).__name__ for l in m.modules() if isinstance(l, nn.Conv2d)])
print({name: p.numel() for name, p in m.named_parameters() if "bias" in name})

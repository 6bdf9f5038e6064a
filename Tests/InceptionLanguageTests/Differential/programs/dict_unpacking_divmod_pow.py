import torch
x = torch.ones(4, 3, 8, 8)
import torch.nn as nn
base = {"lr": 0.1, "momentum": 0.9}
cfg = {**base, "lr": 0.01, **{"wd": 1e-4}}
print(cfg, {**{}}, {"a": 1, **base})
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 5), pow(2, -1), pow(3, 4, 5), pow(-3, 3, 7), pow(2.0, 0.5))
print({k: v for k, v in cfg.items() if k != "wd"})
print(x.size(0), x.size()[1:], tuple(x.shape), x.shape == (4, 3, 8, 8), x.shape[-2:])
print(torch.Size([1, 2]) + (3,) if False else list(x.shape[2:]))
a = torch.zeros(2, 2)
a[0] = torch.tensor([1.0, 2.0])
a[:, 1] += 5
print(a, a.clone().fill_(3).sum())
w = torch.empty(3, 3)
nn.init.xavier_uniform_(w)
print(w.shape, w.abs().max() <= (6 / 6) ** 0.5)
print(torch.stack([x.mean() for _ in range(3)]).shape, torch.tensor([t.numel() for t in [x, a]]))
print(round(3.14159, 2), round(2.5), round(3.5), int(-2.7), abs(-3.5), min(3, 1, 2))
print(isinstance(x, torch.Tensor), torch.is_tensor(a), type(x).__name__, x.dtype == torch.float32)
print(list(range(10, 0, -3)), list(reversed([1, 2, 3])), [*range(3)])
print("%d items" % 3 if False else "{} items".format(3))

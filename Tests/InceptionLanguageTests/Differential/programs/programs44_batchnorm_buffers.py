import torch
import torch.nn as nn
torch.manual_seed(0)
bn = nn.BatchNorm1d(3, momentum=0.1)
print(bn, [n for n, _ in bn.named_buffers()])
x = torch.randn(8, 3) * 2 + 1
for i in range(3):
    bn(x)
    print(i, bn.running_mean, bn.num_batches_tracked.item())
bn.eval(); print(bn(x[:2]))
print({k: tuple(v.shape) for k, v in bn.state_dict().items()})
bn2 = nn.BatchNorm2d(2, affine=False, track_running_stats=False); print(bn2, list(bn2.state_dict()))

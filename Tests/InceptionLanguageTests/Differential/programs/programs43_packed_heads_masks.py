# Packed bidirectional LSTM features, one-hot round trips, warm restarts, ModuleDict/ParameterList heads, masked means.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
# GRU/LSTM seq classifier with pack_padded_sequence
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
seqs = [torch.randn(n, 3) for n in (5, 2, 4)]
lengths = torch.tensor([len(s) for s in seqs])
padded = pad_sequence(seqs, batch_first=True)
lstm = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
out, (h, c) = lstm(packed)
o, l = pad_packed_sequence(out, batch_first=True)
print(o.shape, l, h.shape)
feat = torch.cat([h[-2], h[-1]], dim=1)
print(feat.shape, round(feat.abs().sum().item(), 3))
# one-hot + argmax roundtrip and scatter
y = torch.tensor([2, 0, 1])
oh = F.one_hot(y, num_classes=4)
print(oh, oh.argmax(1))
print(torch.zeros(3, 4).scatter_(1, y.unsqueeze(1), 1.0))
# cosine annealing warm restarts lrs
opt = torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1)
s = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2, eta_min=0.001)
lrs = []
for _ in range(10):
    lrs.append(round(s.get_last_lr()[0], 5)); opt.step(); s.step()
print(lrs)
# nn.ModuleDict and ParameterList usage
class Heads(nn.Module):
    def __init__(self):
        super().__init__()
        self.heads = nn.ModuleDict({"cls": nn.Linear(4, 3), "reg": nn.Linear(4, 1)})
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(1) * i) for i in range(2)])
    def forward(self, x):
        return {k: h(x) * self.scales[i] for i, (k, h) in enumerate(self.heads.items())}
hm = Heads()
outs = hm(torch.randn(2, 4))
print({k: tuple(v.shape) for k, v in outs.items()})
print(hm)
print([n for n, _ in hm.named_parameters()])
# torch.where / masked mean
x = torch.randn(3, 5)
mask = torch.tensor([[1, 1, 0, 0, 0], [1, 1, 1, 1, 0], [1, 0, 0, 0, 0]]).bool()
mm = (x * mask).sum(1) / mask.sum(1)
print(mm.round(decimals=4), x.masked_fill(~mask, float('-inf')).softmax(-1).round(decimals=3))
print(torch.nan_to_num(torch.tensor([float('nan'), float('inf'), -float('inf'), 1.0]), nan=0.0, posinf=9.0))

# model.eval() vs model.train() with Dropout and BatchNorm
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Dropout(0.5), nn.Linear(6, 2))
x = torch.randn(5, 4)
print("training:", model.training, [m.training for m in model])
out1 = model(x)
out2 = model(x)
print("train outputs differ:", not torch.equal(out1, out2))
print(model[1].running_mean.round(decimals=4))
print(model[1].num_batches_tracked.item())
model.eval()
print("training:", model.training, [m.training for m in model])
e1 = model(x)
e2 = model(x)
print("eval outputs equal:", torch.equal(e1, e2))
print(model[1].num_batches_tracked.item())
drop = nn.Dropout(p=0.5)
t = torch.ones(2, 8)
y = drop(t)
print(y)
print(sorted(set(y.flatten().tolist())))
drop.eval()
print(drop(t))
print(nn.Dropout(p=0.0)(t).equal(t), nn.Dropout(p=1.0)(t).sum().item())
# train(False) and returning self
r = model.train(False)
print(r is model, model.training)
model.train()
model[1].eval()
print([m.training for m in model])
with torch.no_grad():
    a = model[1](x @ model[0].weight.t() + model[0].bias)
print(model[1].num_batches_tracked.item())
# single sample batch in training mode
model.train()
try:
    model(torch.randn(1, 4))
except ValueError as e:
    print("ValueError:", e)
model.eval()
print(model(torch.randn(1, 4)).shape)
# BatchNorm track_running_stats=False
bn = nn.BatchNorm1d(3, track_running_stats=False, affine=False)
print(bn, bn.running_mean)
bn.eval()
z = torch.randn(4, 3) * 5 + 2
print(bn(z).mean(0).abs().max().item() < 1e-5)
# momentum=None cumulative average
bn2 = nn.BatchNorm1d(2, momentum=None)
for i in range(3):
    bn2(torch.full((4, 2), float(i)) + torch.tensor([[0., 1.], [1., 0.], [0., 1.], [1., 0.]]))
print(bn2.running_mean, bn2.running_var)
print(nn.Dropout(0.2), nn.Dropout2d(0.3), nn.AlphaDropout(0.1))
# F.dropout training flag
import torch.nn.functional as F
print(F.dropout(t, 0.5, training=False).equal(t))
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.d = nn.Dropout(0.5)
    def forward(self, x):
        return F.dropout(x, 0.5, self.training), self.d(x)
m = M()
m.eval()
a, b = m(t)
print(a.equal(t), b.equal(t))

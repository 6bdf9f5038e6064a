# reset_parameters of the built-in layers, hasattr on others, a subclass's own reset_parameters run by the layer's __init__
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(3, 2)
w = lin.weight
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
lin.reset_parameters()
print(lin.weight, lin.bias, w is lin.weight)
conv = nn.Conv2d(2, 3, 3, groups=1)
conv.reset_parameters()
print(conv.weight[0, 0], conv.bias)
bn = nn.BatchNorm2d(2)
bn(torch.randn(4, 2, 3, 3))
print(bn.running_mean, bn.num_batches_tracked)
bn.reset_parameters()
print(bn.running_mean, bn.running_var, bn.num_batches_tracked, bn.weight)
model = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Dropout(0.1), nn.Linear(2, 1))
for layer in model.children():
    print(type(layer).__name__, hasattr(layer, "reset_parameters"))
    if hasattr(layer, "reset_parameters"):
        layer.reset_parameters()
print(model[0].weight, model[3].bias)
class MyLin(nn.Linear):
    def reset_parameters(self):
        super().reset_parameters()
        with torch.no_grad():
            self.bias.zero_()
m = MyLin(2, 2)
print(m.weight, m.bias)
print(hasattr(nn.Module(), "reset_parameters"))
ct = nn.ConvTranspose2d(2, 3, 2)
ct.reset_parameters(); print(ct.weight.shape, ct.bias)
ln = nn.LayerNorm(3); ln.weight.data.fill_(2.); ln.reset_parameters(); print(ln.weight)
class Init(nn.Conv2d):
    def __init__(self, c):
        super().__init__(c, c, 1)
        self.extra = 5
    def reset_parameters(self):
        nn.init.ones_(self.weight)
        print("reset", hasattr(self, "extra"))
i = Init(2)
print(i.weight.view(-1), torch.rand(1))

# a layer registered twice or a weight tied: parameters(), modules(), children() and the optimiser see each once; state_dict keeps every name
import torch
import torch.nn as nn
torch.manual_seed(0)
lin = nn.Linear(3, 3)
seq = nn.Sequential(lin, nn.ReLU(), lin)
print(sum(p.numel() for p in seq.parameters()), len(list(seq.modules())), len(list(seq.named_modules())))
print([n for n, _ in seq.named_parameters()], list(seq.state_dict().keys()))
print(seq)
class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = self.a
    def forward(self, x):
        return self.b(self.a(x))
t = Tied()
print([n for n, _ in t.named_parameters()], list(t.state_dict().keys()), len(list(t.children())))
print(t)
lin = nn.Linear(2, 3)
lin.weight = nn.Parameter(torch.ones(3, 2))
print(lin(torch.ones(1, 2)), [n for n, _ in lin.named_parameters()])
class LM(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(5, 4)
        self.out = nn.Linear(4, 5, bias=False)
        self.out.weight = self.emb.weight
    def forward(self, x):
        return self.out(self.emb(x))
lm = LM()
print(sum(p.numel() for p in lm.parameters()), [n for n, _ in lm.named_parameters()], list(lm.state_dict().keys()))
opt = torch.optim.SGD(lm.parameters(), lr=0.1)
loss = lm(torch.tensor([1, 2])).sum()
loss.backward()
opt.step()
print(lm.emb.weight[1], lm.out.weight is lm.emb.weight)

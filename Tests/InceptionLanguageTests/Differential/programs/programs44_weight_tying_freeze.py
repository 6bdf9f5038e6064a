import torch
import torch.nn as nn
torch.manual_seed(0)
class LM(nn.Module):
    def __init__(self, v=10, d=4):
        super().__init__()
        self.emb = nn.Embedding(v, d)
        self.proj = nn.Linear(d, v, bias=False)
        self.proj.weight = self.emb.weight
    def forward(self, idx):
        return self.proj(self.emb(idx))
m = LM()
print(m.proj.weight is m.emb.weight, len(list(m.parameters())), list(m.state_dict()))
print([n for n, _ in m.named_parameters()])
for p in m.emb.parameters():
    p.requires_grad = False
print([p.requires_grad for p in m.parameters()])
net = nn.Sequential(nn.Linear(3, 3), nn.Linear(3, 2))
net[0].requires_grad_(False)
trainable = [n for n, p in net.named_parameters() if p.requires_grad]
print(trainable)
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, net.parameters()), lr=0.1)
w0 = net[0].weight.clone(); w1 = net[1].weight.clone()
net(torch.randn(4, 3)).sum().backward(); opt.step()
print(torch.equal(w0, net[0].weight), torch.equal(w1, net[1].weight), net[0].weight.grad)

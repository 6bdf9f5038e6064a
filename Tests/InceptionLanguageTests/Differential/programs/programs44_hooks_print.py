import torch
import torch.nn as nn
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
acts = {}
def save(name):
    def hook(module, inp, out):
        acts[name] = out.detach()
        print(f"fwd {name}: {type(module).__name__} in={tuple(inp[0].shape)} out={tuple(out.shape)}")
    return hook
handles = [m.register_forward_hook(save(n)) for n, m in net.named_children()]
def bhook(module, gin, gout):
    print("bwd", type(module).__name__, [None if g is None else tuple(g.shape) for g in gin], [tuple(g.shape) for g in gout])
bh = net[2].register_full_backward_hook(bhook)
out = net(torch.randn(5, 3))
out.sum().backward()
print(sorted(acts), acts["1"].min().item() >= 0)
for h in handles: h.remove()
bh.remove()
net(torch.randn(1, 3))
print("removed")
x = torch.randn(3, requires_grad=True)
h = x.register_hook(lambda g: g * 2)
(x * 3).sum().backward()
print(x.grad)

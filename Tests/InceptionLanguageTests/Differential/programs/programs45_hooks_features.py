import torch
import torch.nn as nn

torch.manual_seed(4)
net = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(2 * 2 * 2, 3))
features = {}
def keep(name):
    def hook(mod, inputs, output):
        features[name] = output.detach().clone()
    return hook
h1 = net[1].register_forward_hook(keep("relu"))
h2 = net[2].register_forward_hook(keep("pool"))
def pre(mod, inputs):
    print("pre-hook", type(mod).__name__, inputs[0].shape)
    return (inputs[0] * 2,)
h3 = net[4].register_forward_pre_hook(pre)
grads = []
def bwd(mod, grad_input, grad_output):
    grads.append((type(mod).__name__, [tuple(g.shape) if g is not None else None for g in grad_input], tuple(grad_output[0].shape)))
h4 = net[0].register_full_backward_hook(bwd)
h5 = net[4].register_full_backward_hook(bwd)
x = torch.randn(2, 1, 4, 4, requires_grad=True)
out = net(x)
out.sum().backward()
for k, v in features.items():
    print(k, tuple(v.shape), f"{v.sum().item():.4f}")
print(grads)
print(bool((features["relu"] >= 0).all()))
def double_out(mod, inp, out):
    return out * 10
h6 = net[4].register_forward_hook(double_out)
with torch.no_grad():
    a = net(x)
h6.remove()
with torch.no_grad():
    b = net(x)
print(torch.allclose(a, b * 10))
for h in (h1, h2, h3, h4, h5):
    h.remove()
features.clear()
net(x)
print(len(features), len(grads))
t = torch.ones(3, requires_grad=True)
seen = []
t.register_hook(lambda g: seen.append(g.clone()))
(t * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(seen, t.grad)

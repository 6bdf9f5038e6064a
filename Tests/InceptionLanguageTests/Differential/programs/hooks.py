import torch
import torch.nn as nn
import torch.nn.functional as F
# Hooks: forward hooks that keep activations (the way to look inside a network), pre-hooks and
# forward hooks that change what flows, RemovableHandle.remove(), full backward hooks (gradient
# norms by layer), Tensor.register_hook on leaves and computed tensors, retain_grad, messages
net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(16, 3))
acts = {}
def keep(name):
    def hook(module, inputs, output):
        acts[name] = output.detach()
    return hook
handles = [m.register_forward_hook(keep(n)) for n, m in net.named_modules() if isinstance(m, (nn.Conv2d, nn.ReLU, nn.Linear))]
x = torch.randn(2, 3, 4, 4)
out = net(x)
print(sorted(acts), [tuple(acts[k].shape) for k in sorted(acts)], torch.equal(acts['5'], out))
print('relu min', acts['2'].min().item(), 'mean', round(acts['2'].mean().item(), 4))
for h in handles: h.remove()
acts.clear(); net(x); print('after remove', acts)
# a pre-hook doubles the input; a forward hook replaces the output; order and prepend
lin = nn.Linear(2, 2)
def pre(module, inputs):
    print('pre', type(inputs).__name__, len(inputs), inputs[0].shape)
    return (inputs[0] * 2,)
hp = lin.register_forward_pre_hook(pre)
h1 = lin.register_forward_hook(lambda m, i, o: print('first', i[0]))
h0 = lin.register_forward_hook(lambda m, i, o: print('prepended'), prepend=True)
hz = lin.register_forward_hook(lambda m, i, o: torch.zeros_like(o))
print(lin(torch.ones(1, 2)))
for h in (hp, h1, h0, hz): h.remove()
print(lin(torch.ones(1, 2)).shape)
# hooks inside a custom block's forward, called as self.conv(x)
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3, padding=1)
        self.fc = nn.Linear(8, 1)
    def forward(self, x):
        return self.fc(F.relu(self.conv(x)).flatten(1))
b = Block()
seen = []
b.conv.register_forward_hook(lambda m, i, o: seen.append((type(m).__name__, tuple(i[0].shape), tuple(o.shape))))
b(torch.randn(3, 1, 2, 2)); print(seen)
# full backward hooks: gradient norms by layer, grad_input None when the input needs none
grads = {}
def watch(name):
    def hook(module, grad_input, grad_output):
        grads[name] = (None if grad_input[0] is None else round(grad_input[0].norm().item(), 4), round(grad_output[0].norm().item(), 4))
    return hook
for n, m in net.named_modules():
    if isinstance(m, (nn.Conv2d, nn.Linear)): m.register_full_backward_hook(watch(n))
y = net(x)
print(y.grad_fn.name())
F.cross_entropy(y, torch.tensor([0, 2])).backward()
print(grads)
xi = torch.randn(2, 3, 4, 4, requires_grad=True)
net(xi).sum().backward(); print(grads['0'][0] is not None, xi.grad.shape)
# a backward hook that changes the input's gradient
lin = nn.Linear(3, 2)
lin.register_full_backward_hook(lambda m, gi, go: (gi[0] * 0 + 1,))
z = torch.randn(2, 3, requires_grad=True)
lin(z).sum().backward(); print(z.grad)
# tensor hooks: on a computed tensor (sees the summed gradient), on a leaf, replacements, retain_grad
a = torch.tensor([1., 2., 3.], requires_grad=True)
b2 = a * 2
b2.register_hook(lambda g: print('b2 grad', g))
hb = b2.register_hook(lambda g: g * 10)
c = (b2 * b2).sum() + b2.sum()
b2.retain_grad()
print(b2.retains_grad, a.retains_grad, b2.is_leaf)
c.backward()
print(b2.grad, a.grad)
w = nn.Parameter(torch.ones(2))
hw = w.register_hook(lambda g: print('leaf', g))
(w * 3 + w * 4).sum().backward(); print(w.grad)
hw.remove(); w.grad = None
(w * 5).sum().backward(); print(w.grad)
try:
    torch.ones(2).register_hook(lambda g: g)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.ones(2).retain_grad()
except RuntimeError as e:
    print(type(e).__name__, e)
# hooks during a short training loop: the conv's output gradient norm shrinks as the loss does
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), torch.tensor([0, 2]))
    loss.backward(); opt.step()
    print(step, round(loss.item(), 4), grads['0'])

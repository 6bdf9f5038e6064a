# Autograd as programs use it: a second backward through operations that save no tensors
# (views, sums, additions), torch.autograd.grad with several outputs and computed inputs,
# torch.autograd.backward over losses sharing an encoder, detach_(), hook and error texts.
import torch
import torch.nn as nn

# 1. two losses from one reshaped tensor, each with its own backward (PyTorch's view, sum and
#    add nodes save nothing, so nothing was freed)
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.reshape(3, 1) + 1
y.sum().backward()
y.mean().backward()
print("reuse", x.grad)
v = x.view(3, 1).t().unsqueeze(0)
v.sum().backward()
v.exp().sum().backward()
print("views", x.grad)
s, i = x.sort()
(s * torch.arange(3.0)).sum().backward()
x.grad = None
w = x.reshape(1, 3)
w.topk(2, dim=1).values.sum().backward()
torch.gather(w, 1, torch.tensor([[0, 0]])).sum().backward()
print("gather after topk", x.grad)
# ... but a node that saved tensors still refuses
h = x * x
h.sum().backward()
try:
    (h * 5).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e)[:48])

# 2. torch.autograd.grad with respect to a computed tensor (Grad-CAM's feature maps)
torch.manual_seed(0)
conv = nn.Conv2d(1, 2, 3, padding=1)
fc = nn.Linear(2 * 4 * 4, 3)
img = torch.randn(1, 1, 4, 4)
feat = conv(img)
out = fc(feat.relu().flatten(1))
g, = torch.autograd.grad(out[0, 1], feat)
print("cam", g.shape, g.sum().item(), conv.weight.grad)
weights = g.mean(dim=(2, 3), keepdim=True)
print((weights * feat).sum(1).relu().sum().item())

# 3. gradients of several outputs at once; computed and leaf inputs together
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.exp()
print(torch.autograd.grad([(b * 2).sum(), b.sum()], a))
print(torch.autograd.grad([(a * a).sum(), a * 3], [a], grad_outputs=[None, torch.ones(2)]))
m = a * 3
m.retain_grad()
loss = (m ** 2).sum()
print(torch.autograd.grad(loss, [m, a], retain_graph=True), m.grad, a.grad)
try:
    torch.autograd.grad([loss, loss], a, grad_outputs=[torch.tensor(1.0)])
except RuntimeError as e:
    print("RuntimeError:", e)
n = torch.tensor([1.0, 2.0])
try:
    torch.autograd.grad((n * 2).sum(), n)
except RuntimeError as e:
    print("RuntimeError:", e)
z = (a ** 2).sum()
torch.autograd.grad(z, a)
try:
    torch.autograd.grad(z, a)
except RuntimeError as e:
    print("RuntimeError:", str(e)[:48])
print(torch.autograd.grad((a * 2).sum(), [a, n.requires_grad_()], allow_unused=True, materialize_grads=True))

# 4. torch.autograd.backward over two losses that share an encoder: one pass
enc, h1, h2 = nn.Linear(3, 4), nn.Linear(4, 1), nn.Linear(4, 2)
data = torch.randn(5, 3)
z = enc(data)
torch.autograd.backward([h1(z).pow(2).mean(), h2(z).abs().mean()])
print("shared", enc.weight.grad)

# 5. detach_() and a leaf detached after use
y2 = a * 3
y2.detach_()
print(y2.requires_grad, y2.is_leaf, y2.grad_fn)
leaf = torch.tensor([1.0, 2.0], requires_grad=True)
q = leaf * 2
print(leaf.detach_() is leaf, leaf.requires_grad)
q.sum().backward()
print(leaf.grad)
try:
    a.reshape(2)[0].detach_()
except RuntimeError as e:
    print("RuntimeError:", str(e)[:40])

# 6. a hook that changes the gradient's size; inference mode's flag
def bad(g):
    return torch.ones(5)
p = torch.tensor([1.0, 2.0], requires_grad=True)
p2 = p * 2
p2.register_hook(bad)
try:
    p2.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.inference_mode():
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())

# 7. a custom Function without backward: forward alone works
class Twice(torch.autograd.Function):
    @staticmethod
    def forward(ctx, t):
        return t * 2
c = Twice.apply(p)
print(c)
try:
    c.sum().backward()
except NotImplementedError as e:
    print("NotImplementedError:", e)

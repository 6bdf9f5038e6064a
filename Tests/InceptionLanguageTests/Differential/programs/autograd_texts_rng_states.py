# pow's and atan2's gradients at their edges, torch.tensor(t) without history, PyTorch's
# autograd error texts, requires_grad= on factories, torch.autograd's aliases, backward(inputs=),
# saved random states, optimiser option checks and kernel switches
import torch
torch.manual_seed(0)

b = torch.tensor([-2.0, 3.0, 0.0, -1.5], requires_grad=True)
e = torch.tensor([2.0, 0.5, 2.0, 3.0], requires_grad=True)
(b ** e).sum().backward()
print(b.grad, e.grad)
p = torch.tensor([-2.0, 3.0], requires_grad=True)
(p ** 0).sum().backward()
print(p.grad)
y = torch.tensor(0.0, requires_grad=True)
x = torch.tensor(0.0, requires_grad=True)
torch.atan2(y, x).backward()
print(y.grad, x.grad)
x = torch.ones(3, requires_grad=True)
z = torch.tensor(x.detach())
print(z.requires_grad, z.is_leaf, z.grad_fn)
for f in (lambda: (x * 2).backward(), lambda: torch.ones(2).sum().backward(), lambda: (x * 2).requires_grad_(False),
          lambda: setattr(torch.ones(2, 3, requires_grad=True), "grad", torch.zeros(3)), lambda: x.sum().backward(torch.ones(2)),
          lambda: torch.ones(3).backward(torch.ones(2))):
    try:
        f()
    except RuntimeError as ex:
        print(type(ex).__name__, ex)
a = torch.full((2,), 3.0, requires_grad=True)
print(a, torch.zeros_like(a, requires_grad=True), torch.ones_like(a, dtype=torch.float32, requires_grad=True))
v = torch.autograd.Variable(torch.ones(2), requires_grad=True)
print(v)
w1 = torch.tensor([1.0, 2.0], requires_grad=True)
w2 = torch.tensor([3.0], requires_grad=True)
(w1 * w2).sum().backward(inputs=[w1])
print(w1.grad, w2.grad)
torch.autograd.backward([(w1 ** 2).sum()])
print(w1.grad)
with torch.autograd.no_grad():
    print((w1 * 2).requires_grad)

torch.manual_seed(0)
state = torch.get_rng_state()
first = torch.rand(2)
torch.set_rng_state(state)
print(torch.equal(first, torch.rand(2)), state.shape)
g = torch.Generator().manual_seed(3)
saved = g.get_state()
r1 = torch.randn(3, generator=g)
g.set_state(saved)
print(torch.equal(r1, torch.randn(3, generator=g)))

params = [torch.nn.Parameter(torch.ones(2))]
for f in (lambda: torch.optim.SGD(params, lr=-1), lambda: torch.optim.SGD([]), lambda: torch.optim.SGD(params, lr=0.1, momentum=-0.5),
          lambda: torch.optim.SGD(params, lr=0.1, weight_decay=-1), lambda: torch.optim.SGD(params, lr=0.1, nesterov=True),
          lambda: torch.optim.Adam(params, lr=0.1, foreach=False, fused=None), lambda: torch.optim.AdamW(params, lr=0.1, fused=False),
          lambda: torch.optim.SGD(params, lr=0.1, foreach=None)):
    try:
        print(f())
    except ValueError as ex:
        print("ValueError", ex)

# a slice of p.data is outside autograd, as p.data is (the LSTM forget-gate bias idiom)
lstm = torch.nn.LSTM(2, 2)
lstm.bias_ih_l0.data[2:4].fill_(1.0)
print(lstm.bias_ih_l0)
w = torch.nn.Parameter(torch.zeros(4))
try:
    w[1:3].fill_(1.0)
except RuntimeError as ex:
    print(ex)

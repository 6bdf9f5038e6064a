import torch
torch.manual_seed(40)
def run(fn):
    try:
        return fn()
    except Exception as e:
        return f"{type(e).__name__}: {str(e).splitlines()[0]}"
x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
probes = [
    lambda: torch.autograd.grad((x ** 3).sum(), x)[0],
    lambda: torch.autograd.grad(x.abs().sum(), [x], retain_graph=True)[0],
    lambda: (lambda y: (y.backward(torch.tensor([1.0, 0.5, 0.25])), x.grad)[1])(x * 2),
    lambda: x.grad.zero_(),
    lambda: (lambda y: (y.sum().backward(), x.grad)[1])(torch.where(x > 0, x, x * 0.1)),
    lambda: (lambda y: (y.backward(), x.grad.clone())[1])(x.max()),
    lambda: (lambda y: (y.backward(), x.grad)[1])(x.clamp(-1, 1).sum()),
    lambda: x.detach().requires_grad,
    lambda: x.data.requires_grad,
    lambda: (x * 2).detach_().requires_grad,
    lambda: (x + 1).is_leaf,
    lambda: torch.ones(2).requires_grad_().is_leaf,
    lambda: (x.sum() * 0).grad_fn.name(),
    lambda: x.sum().grad_fn.next_functions[0][0].name(),
    lambda: x.sum().item(),
    lambda: torch.tensor(2.0, requires_grad=True).backward() or "ok",
    lambda: x.grad is not None and x.grad.shape,
    lambda: torch.autograd.grad(x.sum(), x, grad_outputs=torch.tensor(3.0))[0],
    lambda: (lambda a: torch.autograd.grad((a * a).mean(), a)[0])(torch.arange(4.0, requires_grad=True)),
    lambda: (lambda a: (a.exp().log().sum().backward(), a.grad)[1])(torch.ones(2, requires_grad=True)),
    lambda: torch.autograd.grad(torch.ones(1).sum(), torch.ones(1)),
    lambda: (x ** 2).sum().backward() or (x ** 2).sum().backward() or x.grad,
    lambda: (lambda w: (w.sigmoid().prod().backward(), w.grad)[1])(torch.tensor([0.0, 1.0], requires_grad=True)),
    lambda: (lambda w: (torch.nn.functional.softmax(w, 0)[0].backward(), w.grad)[1])(torch.tensor([0.0, 1.0, 2.0], requires_grad=True)),
    lambda: (lambda w: (w.norm().backward(), w.grad)[1])(torch.tensor([3.0, 4.0], requires_grad=True)),
    lambda: (lambda w: (w.mean(0).sum().backward(), w.grad)[1])(torch.ones(2, 3, requires_grad=True)),
    lambda: (lambda w: (w[1:].sum().backward(), w.grad)[1])(torch.ones(3, requires_grad=True)),
    lambda: (lambda w: (w.view(2, 2).t().reshape(-1)[0].backward(), w.grad)[1])(torch.arange(4.0, requires_grad=True)),
]
for i, p in enumerate(probes):
    print(i, run(p))

import torch
import torch.nn as nn
torch.manual_seed(38)
lin = nn.Linear(3, 2)
def scale_grad(module, grad_input, grad_output):
    return (grad_input[0] * 0 if grad_input[0] is not None else None,)
x = torch.randn(4, 3, requires_grad=True)
h = lin.register_full_backward_hook(scale_grad)
lin(x).sum().backward()
print(x.grad.abs().sum().item(), lin.weight.grad.abs().sum().item() > 0)
h.remove()
x.grad = None
lin(x).sum().backward()
print(x.grad.abs().sum().item() > 0)
def pre(m, args):
    print("pre", len(args), args[0].shape)
hp = lin.register_forward_pre_hook(pre)
lin(torch.zeros(1, 3))
hp.remove()
calls = []
lin.weight.register_hook(lambda g: calls.append(g.shape))
lin(torch.zeros(2, 3)).sum().backward()
print(calls)
opt = torch.optim.SGD([lin.weight], lr=0.1)
print(opt.state_dict()["param_groups"][0]["params"], len(opt.param_groups[0]["params"]))
opt.zero_grad()
print(lin.weight.grad, lin.bias.grad is None)
for name, cls, kw in [("Adam", torch.optim.Adam, {"lr": 0.1, "amsgrad": True}), ("AdamW", torch.optim.AdamW, {}), ("RMSprop", torch.optim.RMSprop, {"centered": True}),
                      ("Adagrad", torch.optim.Adagrad, {"initial_accumulator_value": 0.1}), ("SGD", torch.optim.SGD, {"lr": 0.1, "maximize": True}),
                      ("Adadelta", torch.optim.Adadelta, {}), ("Adamax", torch.optim.Adamax, {}), ("NAdam", torch.optim.NAdam, {}), ("RAdam", torch.optim.RAdam, {})]:
    torch.manual_seed(1)
    m = nn.Linear(3, 1)
    o = cls(m.parameters(), **kw)
    for _ in range(3):
        o.zero_grad()
        (m(torch.ones(2, 3)) ** 2).mean().backward()
        o.step()
    st = o.state[m.weight]
    print(f"{name:9s} {m.weight.data.flatten().tolist()} {sorted(st.keys())}")
    print(" ", {k: v for k, v in o.param_groups[0].items() if k != "params"})

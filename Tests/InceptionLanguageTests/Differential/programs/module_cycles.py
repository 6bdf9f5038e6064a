# A module that holds itself (PyTorch lets one be built): the walks that skip modules seen
# before end (modules, parameters, children, zero_grad, deepcopy); the ones that do not
# (repr, state_dict, train, eval, apply, to, forward) raise RecursionError, which is caught.
import copy
import torch
import torch.nn as nn

s = nn.Sequential(nn.Linear(2, 2))
s.append(s)
print(len(list(s.modules())), [n for n, _ in s.named_modules()])
print(len(list(s.parameters())), [n for n, _ in s.named_parameters()])
print(len(list(s.children())), len(s), len(list(s.buffers())))
s.zero_grad()
print(type(copy.deepcopy(s)).__name__)
for name, fn in [("repr", lambda: repr(s)), ("str", lambda: str(s)), ("state_dict", lambda: s.state_dict()),
                 ("train", lambda: s.train()), ("eval", lambda: s.eval()), ("apply", lambda: s.apply(lambda m: None)),
                 ("to", lambda: s.to(torch.float32)), ("float", lambda: s.float()),
                 ("named_modules(remove_duplicate=False)", lambda: list(s.named_modules(remove_duplicate=False))),
                 ("forward", lambda: s(torch.randn(1, 2)))]:
    try:
        fn()
        print(name, "ran")
    except RecursionError as e:
        print(name, "RecursionError", "maximum recursion depth exceeded" in str(e))

t = nn.Sequential(nn.ReLU())
t.add_module("me", t)
print([n for n, _ in t.named_modules()], len(list(t.modules())))

m = nn.ModuleList([nn.ReLU()])
m.append(m)
print(len(list(m.modules())), len(m))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.ModuleList([nn.Linear(1, 1)])
        self.l.append(self)

    def forward(self, x):
        for layer in self.l:
            x = layer(x)
        return x


n = Net()
print([k for k, _ in n.named_modules()], [k for k, _ in n.named_parameters()])
try:
    n(torch.randn(1))
except RecursionError:
    print("forward RecursionError")
try:
    print(n)
except RecursionError:
    print("print RecursionError")

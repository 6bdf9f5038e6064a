# optimizer.state: each parameter's state (momentum_buffer; step, exp_avg, exp_avg_sq) by the parameter itself
import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.Linear(3, 2)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
print(len(opt.state))
m(torch.randn(4, 3)).sum().backward()
opt.step()
print(len(opt.state), opt.state[m.weight]["momentum_buffer"], list(opt.state[m.bias].keys()))
adam = torch.optim.Adam(m.parameters(), lr=0.01)
m(torch.randn(4, 3)).sum().backward()
adam.step()
st = adam.state[m.weight]
print(sorted(st.keys()), st["step"], st["exp_avg"].shape)
for p in m.parameters():
    print(p.shape, adam.state[p]["exp_avg_sq"].sum() > 0)

import torch
import torch.nn as nn
import torch.nn.functional as F
# copy.deepcopy(optimizer): the same kind over copies of its parameters (the model's copies when
# both are copied together), its options and state copied; the copies train as the originals do

import copy
m = nn.Linear(2, 2); opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
m(torch.ones(1, 2)).sum().backward(); opt.step()
o2 = copy.deepcopy(opt)
print(type(o2).__name__, o2.param_groups[0]['lr'], o2.param_groups[0]['momentum'], o2.state_dict()['state'][0]['momentum_buffer'])
o2.param_groups[0]['lr'] = 0.5; print(opt.param_groups[0]['lr'], o2.param_groups[0]['params'][0] is m.weight, torch.equal(o2.param_groups[0]['params'][0], m.weight))

import copy
m = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1)); opt = torch.optim.Adam(m.parameters(), lr=0.01)
x = torch.randn(4, 3)
for _ in range(2):
    opt.zero_grad(); m(x).pow(2).mean().backward(); opt.step()
both = copy.deepcopy({'model': m, 'opt': opt}); m2, o2 = both['model'], both['opt']
print(o2.param_groups[0]['params'][0] is m2[0].weight, o2.state_dict()['state'][0]['step'])
for net, o in [(m, opt), (m2, o2)]:
    o.zero_grad(); net(x).pow(2).mean().backward(); o.step()
print(torch.equal(m[0].weight, m2[0].weight), torch.equal(m[2].bias, m2[2].bias))

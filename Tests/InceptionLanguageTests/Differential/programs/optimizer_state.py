# Optimiser state: state_dict() shows what each optimiser keeps per parameter, load_state_dict()
# puts it back, so training resumes where it stopped.
import copy

import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
x, y = torch.randn(8, 4), torch.randint(0, 2, (8,))
loss_fn = nn.CrossEntropyLoss()


def train(opt, steps):
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(net(x), y).backward()
        opt.step()


# SGD: nothing before the first step; then a momentum buffer for each parameter with a gradient
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
print(opt.state_dict())
train(opt, 1)
sd = opt.state_dict()
print(list(sd.keys()), list(sd['state'].keys()))
print(sd['param_groups'])
print(sd['state'][3]['momentum_buffer'])

# resuming: a second optimiser loaded from a copy continues exactly as the first
saved = copy.deepcopy(opt.state_dict())
weights = copy.deepcopy(net.state_dict())
train(opt, 3)
after = [p.detach().clone() for p in net.parameters()]
net.load_state_dict(weights)
opt2 = torch.optim.SGD(net.parameters(), lr=0.5, momentum=0.9)
opt2.load_state_dict(saved)
print(opt2.param_groups[0]['lr'], list(opt2.param_groups[0].keys())[-1])
train(opt2, 3)
print([torch.allclose(a, p) for a, p in zip(after, net.parameters())])

# Adam with two groups: step, exp_avg and exp_avg_sq, the parameters numbered across groups
adam = torch.optim.Adam([{'params': net[0].parameters()}, {'params': net[2].parameters(), 'lr': 0.01}], lr=0.001)
train(adam, 2)
sd = adam.state_dict()
print([g['params'] for g in sd['param_groups']], [g['lr'] for g in sd['param_groups']])
print(sorted(sd['state'].keys()), list(sd['state'][2].keys()))
print(sd['state'][2]['step'], sd['state'][3]['exp_avg'], sd['state'][3]['exp_avg_sq'])
adam2 = torch.optim.Adam([{'params': net[0].parameters()}, {'params': net[2].parameters()}])
adam2.load_state_dict(sd)
print(adam2.param_groups[1]['lr'], adam2.state_dict()['state'][0]['step'])

# RMSprop (momentum, centered) and Adagrad keep their own kinds of state
rms = torch.optim.RMSprop(net.parameters(), lr=0.01, momentum=0.5, centered=True)
train(rms, 2)
st = rms.state_dict()['state'][3]
print(list(st.keys()), st['step'])
print(st['square_avg'], st['momentum_buffer'], st['grad_avg'])
ada = torch.optim.Adagrad(net.parameters(), lr=0.1, initial_accumulator_value=0.5)
print(ada.state_dict()['state'][3])
train(ada, 1)
print(ada.state_dict()['state'][3])

# what load_state_dict refuses
for make in [lambda: torch.optim.SGD([net[0].weight], lr=0.1),
             lambda: torch.optim.Adam([{'params': [net[0].weight]}, {'params': [net[2].weight]}])]:
    try:
        make().load_state_dict(sd)
    except ValueError as e:
        print('ValueError:', e)

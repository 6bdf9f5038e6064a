# load_state_dict given what is not a state_dict, or entries that are not tensors: PyTorch's
# TypeError and its "While copying the parameter named …" among the other errors, in its order.
import torch
import torch.nn as nn

m = nn.Linear(2, 2)
for bad in [None, 3, [('weight', torch.zeros(2, 2))], (1, 2)]:
    try:
        m.load_state_dict(bad)
    except TypeError as e:
        print("TypeError:", e)

attempts = [
    ({'weight': 1}, True),
    ({'weight': None, 'bias': torch.zeros(2)}, True),
    ({'weight': torch.zeros(3, 3), 'bias': 'x'}, True),
    ({'weight': [[1.0, 2.0], [3.0, 4.0]], 'bias': torch.zeros(2), 'extra': torch.ones(1)}, True),
    ({'weight': 2.5, 'bias': torch.zeros(2)}, False),
]
for sd, strict in attempts:
    try:
        m.load_state_dict(sd, strict=strict)
    except RuntimeError as e:
        print("RuntimeError:", e)

net = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
sd = net.state_dict()
sd['1.running_mean'] = sd['1.running_mean'].tolist()
sd['2.weight'] = torch.zeros(2, 3)
try:
    net.load_state_dict(sd)
except RuntimeError as e:
    print("RuntimeError:", e)
# nothing changed by a refused load
print(net[1].running_mean, net[2].weight.shape)
r = net.load_state_dict({k: v for k, v in net.state_dict().items() if k != '2.bias'}, strict=False)
print(r.missing_keys, r.unexpected_keys)

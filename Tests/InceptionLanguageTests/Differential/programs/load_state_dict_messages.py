# load_state_dict: its result, strict=False's lists, and PyTorch's texts for missing, unexpected and mis-shaped keys
import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.Linear(3, 2)
print(m.load_state_dict(m.state_dict()))
r = m.load_state_dict({"weight": torch.zeros(2, 3)}, strict=False)
print(r, r.missing_keys, r.unexpected_keys)
r = m.load_state_dict({"weight": torch.zeros(2, 3), "bias": torch.zeros(2), "extra": torch.ones(1)}, strict=False)
print(r)
try:
    m.load_state_dict({"weight": torch.zeros(2, 3)})
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.load_state_dict({"weight": torch.zeros(2, 2), "bias": torch.zeros(2)})
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    m.load_state_dict({"weight": torch.zeros(2, 3), "bias": torch.zeros(2), "w2": torch.zeros(1)})
except RuntimeError as e:
    print("RuntimeError:", e)
s = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
try:
    s.load_state_dict({"0.weight": torch.zeros(2, 2)})
except RuntimeError as e:
    print("RuntimeError:", e)

import torch
import torch.nn as nn
for nl in ["linear", "conv2d", "sigmoid", "tanh", "relu"]:
    print(f"{nl:>8}: {nn.init.calculate_gain(nl):.4f}")
print(f"{nn.init.calculate_gain('leaky_relu', 0.2):.4f}", f"{nn.init.calculate_gain('selu'):.4f}")
torch.manual_seed(0)
w = torch.empty(4, 3)
nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain("tanh")); print(w)
nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu"); print(w)
nn.init.constant_(w, 0.25); print(w.sum().item())
nn.init.zeros_(w); nn.init.ones_(w); print(w.mean().item())
nn.init.eye_(w); print(w)
nn.init.uniform_(w, -0.1, 0.1); print(w.abs().max().item() <= 0.1)
nn.init.normal_(w, mean=1.0, std=0.01); print(w)
nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04); print(w.abs().max().item() <= 0.04)
nn.init.orthogonal_(w); print((w.T @ w).abs().round(decimals=4))
def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight)
        nn.init.zeros_(m.bias)
        print("init", m)
net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
net.apply(init_weights)
print(net[0].bias, net[2].weight)

# Integer and bool inputs to activations and layers, as PyTorch's CPU kernels take them: most
# activations have no integer kernel (NotImplementedError naming it), ReLU6 / Hardtanh /
# Threshold compute on the integers (their bounds cut toward zero) and keep the dtype, as do
# ReLU, Flatten, the pools and Dropout in eval mode, inside a Sequential too; a Linear inside a
# Sequential refuses an int64 input as it does alone; PReLU wants one dtype, a float one.
import torch
import torch.nn as nn
import torch.nn.functional as F


def attempt(f):
    try:
        r = f()
        print("ok", r.dtype, r.tolist())
    except Exception as e:
        print(type(e).__name__ + ":", e)


for dt in [torch.int64, torch.int32, torch.bool]:
    x = torch.tensor([[-1, 2], [3, 0]]).to(dt)
    for name in ["relu", "relu6", "gelu", "silu", "elu", "selu", "celu", "leaky_relu", "hardtanh", "hardswish",
                 "hardsigmoid", "mish", "softplus", "softsign", "logsigmoid", "hardshrink", "softshrink"]:
        print(dt, name, end=" ")
        attempt(lambda: getattr(F, name)(x))
    print(dt, end=" ")
    attempt(lambda: F.hardtanh(x, -0.5, 2.5))
    print(dt, end=" ")
    attempt(lambda: F.threshold(x, 0.5, 2.5))
    print(dt, end=" ")
    attempt(lambda: F.relu6(x.clone(), inplace=True))
    print(dt, end=" ")
    attempt(lambda: nn.Threshold(1, 5)(x))
for layer in [nn.ReLU(), nn.GELU(), nn.SiLU(), nn.LeakyReLU(), nn.ELU(), nn.Softplus(), nn.Hardtanh(), nn.ReLU6(),
              nn.Identity(), nn.Flatten(), nn.Dropout(), nn.Dropout().eval(), nn.Dropout(0.0), nn.Tanh(), nn.Sigmoid()]:
    print(layer, end=" ")
    attempt(lambda: layer(torch.tensor([[-1, 2]])))
print(nn.ReLU(), end=" ")
attempt(lambda: nn.ReLU()(torch.tensor([True, False])))
torch.manual_seed(0)
images = torch.arange(32).view(2, 1, 4, 4) - 16
for layer in [nn.MaxPool2d(2), nn.AvgPool2d(2), nn.AdaptiveAvgPool2d(1), nn.Conv1d(1, 2, 3), nn.Conv1d(1, 2, 3, bias=False),
              nn.BatchNorm1d(3), nn.BatchNorm2d(1)]:
    print(layer, end=" ")
    attempt(lambda: layer(images if "2d" in str(layer) else torch.arange(12).view(2, 3, 2) if "Batch" in str(layer) else torch.arange(4).view(1, 1, 4)))
print("bool pools", end=" ")
attempt(lambda: nn.MaxPool2d(2)(images > 0))
print("bool pools", end=" ")
attempt(lambda: nn.AvgPool2d(2)(images > 0))
x = torch.tensor([[1, -2]])
for model in [nn.Sequential(nn.Linear(2, 2)), nn.Sequential(nn.ReLU()), nn.Sequential(nn.Flatten(), nn.ReLU()),
              nn.Sequential(nn.Flatten(), nn.ReLU(), nn.Linear(2, 1)), nn.Sequential(nn.GELU()), nn.Sequential(nn.Dropout(0.5))]:
    print(model, end=" ")
    attempt(lambda: model(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)

    def forward(self, x):
        return self.fc(torch.relu(x))


attempt(lambda: Net()(x))
attempt(lambda: Net()(x.float()).shape and Net()(x.float()).detach())
for weight in [torch.tensor([0.25]), torch.tensor([1])]:
    attempt(lambda: F.prelu(torch.tensor([1, -2]), weight))
attempt(lambda: F.prelu(torch.tensor([1.0, -2.0]), torch.tensor([1])))
attempt(lambda: nn.PReLU()(torch.tensor([1, -2])))
attempt(lambda: nn.PReLU()(torch.tensor([1.0, -2.0])))

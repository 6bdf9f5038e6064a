# EfficientNet's stochastic depth and timm's drop_path: a per-sample keep mask drawn with
# Tensor.bernoulli_(p) (float p or a tensor of probabilities) and x.bernoulli(), then the
# torchvision MBConv block whose StochasticDepth prints through its own __repr__ inside the model.
import torch
from torch import nn, Tensor
import torch.nn.functional as F
from functools import partial
torch.manual_seed(0)


def stochastic_depth(input: Tensor, p: float, mode: str, training: bool = True) -> Tensor:
    if p < 0.0 or p > 1.0:
        raise ValueError(f"drop probability has to be between 0 and 1, but got {p}")
    if mode not in ["batch", "row"]:
        raise ValueError(f"mode has to be either 'batch' or 'row', but got {mode}")
    if not training or p == 0.0:
        return input
    survival_rate = 1.0 - p
    if mode == "row":
        size = [input.shape[0]] + [1] * (input.ndim - 1)
    else:
        size = [1] * input.ndim
    noise = torch.empty(size, dtype=input.dtype, device=input.device)
    noise = noise.bernoulli_(survival_rate)
    if survival_rate > 0.0:
        noise.div_(survival_rate)
    return input * noise


class StochasticDepth(nn.Module):
    def __init__(self, p: float, mode: str) -> None:
        super().__init__()
        self.p = p
        self.mode = mode

    def forward(self, input: Tensor) -> Tensor:
        return stochastic_depth(input, self.p, self.mode, self.training)

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}(p={self.p}, mode={self.mode})"


def drop_path(x, drop_prob: float = 0., training: bool = False, scale_by_keep: bool = True):
    if drop_prob == 0. or not training:
        return x
    keep_prob = 1 - drop_prob
    shape = (x.shape[0],) + (1,) * (x.ndim - 1)
    random_tensor = x.new_empty(shape).bernoulli_(keep_prob)
    if keep_prob > 0.0 and scale_by_keep:
        random_tensor.div_(keep_prob)
    return x * random_tensor


print(torch.empty(8).bernoulli_(0.3))
print(torch.zeros(2, 3).bernoulli_(torch.tensor([0.1, 0.5, 0.9])))
print(torch.full((6,), 0.5).bernoulli())
print(torch.ones(5).bernoulli(0.25))
print(torch.zeros(4, dtype=torch.long).bernoulli_(0.5).dtype)
x = torch.randn(4, 3, 2, 2)
print(stochastic_depth(x, 0.5, "row")[:, 0, 0, 0])
print(stochastic_depth(x, 0.5, "batch").flatten()[:3])
print(drop_path(x, 0.3, True)[:, 0, 0])
print(torch.equal(drop_path(x, 0.3, False), x))
try:
    torch.empty(3).bernoulli_(1.5)
except RuntimeError as e:
    print("RuntimeError:", e)


class MBConv(nn.Module):
    def __init__(self, channels, expand_ratio, stochastic_depth_prob):
        super().__init__()
        norm = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)
        hidden = channels * expand_ratio
        self.block = nn.Sequential(
            nn.Conv2d(channels, hidden, 1, bias=False), norm(hidden), nn.SiLU(inplace=True),
            nn.Conv2d(hidden, hidden, 3, padding=1, groups=hidden, bias=False), norm(hidden), nn.SiLU(inplace=True),
            nn.Conv2d(hidden, channels, 1, bias=False), norm(channels),
        )
        self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")

    def forward(self, input):
        result = self.block(input)
        result = self.stochastic_depth(result)
        result += input
        return result


blocks = nn.Sequential(*[MBConv(4, 2, 0.2 * i / 3) for i in range(3)])
print(blocks)
x = torch.randn(6, 4, 5, 5)
out = blocks(x)
print(out.shape, out[:, 0, 0, 0])
out.pow(2).mean().backward()
print([round(p.grad.norm().item(), 5) for p in blocks[2].parameters()])
blocks.eval()
print(blocks(x)[0, :, 0, 0])

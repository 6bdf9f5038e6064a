# torchvision's memory-efficient DenseNet layer: the bottleneck (cat, norm, relu, 1x1 conv) runs
# through torch.utils.checkpoint.checkpoint; gradients equal a plain run's. Also the reentrant
# variant's visible rules (CheckpointFunctionBackward; inputs that require no grad give the
# checkpointed layers no gradient) and checkpoint_sequential.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.utils.checkpoint as cp
from typing import List
torch.manual_seed(0)


class _DenseLayer(nn.Module):
    def __init__(self, num_input_features, growth_rate, bn_size, memory_efficient=False):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(num_input_features)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(num_input_features, bn_size * growth_rate, kernel_size=1, stride=1, bias=False)
        self.norm2 = nn.BatchNorm2d(bn_size * growth_rate)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(bn_size * growth_rate, growth_rate, kernel_size=3, stride=1, padding=1, bias=False)
        self.memory_efficient = memory_efficient

    def bn_function(self, inputs: List[torch.Tensor]) -> torch.Tensor:
        concated_features = torch.cat(inputs, 1)
        return self.conv1(self.relu1(self.norm1(concated_features)))

    def any_requires_grad(self, input: List[torch.Tensor]) -> bool:
        for tensor in input:
            if tensor.requires_grad:
                return True
        return False

    def call_checkpoint_bottleneck(self, input: List[torch.Tensor]) -> torch.Tensor:
        def closure(*inputs):
            return self.bn_function(inputs)
        return cp.checkpoint(closure, *input, use_reentrant=False)

    def forward(self, input):
        prev_features = [input] if isinstance(input, torch.Tensor) else input
        if self.memory_efficient and self.any_requires_grad(prev_features):
            bottleneck_output = self.call_checkpoint_bottleneck(prev_features)
        else:
            bottleneck_output = self.bn_function(prev_features)
        return self.conv2(self.relu2(self.norm2(bottleneck_output)))


class _DenseBlock(nn.ModuleDict):
    def __init__(self, num_layers, num_input_features, bn_size, growth_rate, memory_efficient):
        super().__init__()
        for i in range(num_layers):
            self.add_module("denselayer%d" % (i + 1), _DenseLayer(num_input_features + i * growth_rate, growth_rate, bn_size, memory_efficient))

    def forward(self, init_features):
        features = [init_features]
        for name, layer in self.items():
            features.append(layer(features))
        return torch.cat(features, 1)


def run(memory_efficient):
    torch.manual_seed(0)
    block = _DenseBlock(3, 4, 2, 4, memory_efficient)
    x = torch.randn(2, 4, 6, 6, requires_grad=True)
    out = block(x)
    loss = out.pow(2).mean()
    loss.backward()
    return out, loss, x.grad, [p.grad for p in block.parameters()]


plain, efficient = run(False), run(True)
print(plain[0].shape, plain[1].item(), efficient[1].item())
print(plain[0].grad_fn.name(), efficient[0].grad_fn.name())
print(torch.allclose(plain[0], efficient[0]), torch.allclose(plain[2], efficient[2]))
print(all(torch.allclose(a, b) for a, b in zip(plain[3], efficient[3])))
print(efficient[2][0, :, 0, 0])

torch.manual_seed(0)
seq = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 2))
x = torch.randn(3, 4, requires_grad=True)
y = cp.checkpoint(seq, x, use_reentrant=True)
print(y.grad_fn.name(), y.requires_grad)
y.sum().backward()
print(x.grad, seq[0].weight.grad.norm())
seq.zero_grad(set_to_none=True)
z = cp.checkpoint(seq, x.detach(), use_reentrant=True)
print(z.requires_grad, z.grad_fn)
w = cp.checkpoint(seq, x.detach(), use_reentrant=False)
print(w.requires_grad, w.grad_fn.name())
w.sum().backward()
print(seq[0].weight.grad.norm())
seq.zero_grad(set_to_none=True)
s = cp.checkpoint_sequential(seq, 2, x.detach(), use_reentrant=True)
print(s.grad_fn.name())
s.sum().backward()
print([p.grad is None for p in seq.parameters()])
s2 = cp.checkpoint_sequential(seq, 2, x, use_reentrant=False)
print(torch.allclose(s2, seq(x)), s2.grad_fn.name())

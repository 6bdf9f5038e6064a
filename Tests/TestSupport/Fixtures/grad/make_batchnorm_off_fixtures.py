"""The network without BatchNorm (`inception train --batchnorm off`), computed by PyTorch.

Run from the repository root with /work/venv/bin/python (PyTorch 2.15, safetensors):

    /work/venv/bin/python Tests/TestSupport/Fixtures/grad/make_batchnorm_off_fixtures.py

Writes, next to this script:
- grad_nobn_blocks.safetensors: BasicConv2d(5, 7, 3, 2, padding=1) and
  Inception(16, (8, 8, 12, 4, 6, 6), 32), each without BatchNorm (Conv2d with bias + ReLU), with
  random weights under their state_dict names (prefixes `basic.` and `inception.`), an input,
  a random upstream gradient `grad_output`, and `expected.output`, `expected.grad.input` and
  `expected.grad.<name>` (dL/dθ of every parameter), per prefix.
- state_dict_nobn.json: the state_dict names and shapes of the seed's Inception_V1 built
  without BatchNorm for 12 classes (what `inception train --batchnorm off` saves).
"""
import json
import os

import torch
import torch.nn as nn
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))


# The seed's blocks (docs: /work/shared/seed/inception-v1-blog.txt) with a batch_norm switch.
class BasicConv2d(nn.Module):
    def __init__(self, in_channel, F, size, stride, padding=0, batch_norm=True):
        super().__init__()
        layers = [nn.Conv2d(in_channel, F, size, stride, padding=padding)]
        if batch_norm:
            layers.append(nn.BatchNorm2d(F))
        layers.append(nn.ReLU())
        self.layer = nn.Sequential(*layers)

    def forward(self, x):
        return self.layer(x)


class Inception(nn.Module):
    def __init__(self, in_channel, Fs, final_F, batch_norm=True):
        super().__init__()
        c1, c3r, c3, c5r, c5, pp = Fs
        bn = batch_norm
        self.conv1x1 = BasicConv2d(in_channel, c1, 1, 1, batch_norm=bn)
        self.conv3x3 = nn.Sequential(BasicConv2d(in_channel, c3r, 1, 1, batch_norm=bn),
                                     BasicConv2d(c3r, c3, 3, 1, padding=1, batch_norm=bn))
        self.conv5x5 = nn.Sequential(BasicConv2d(in_channel, c5r, 1, 1, batch_norm=bn),
                                     BasicConv2d(c5r, c5, 5, 1, padding=2, batch_norm=bn))
        self.maxpool_conv1x1 = nn.Sequential(nn.MaxPool2d(3, 1, padding=1),
                                             BasicConv2d(in_channel, pp, 1, 1, batch_norm=bn))

    def forward(self, x):
        return torch.cat([self.conv1x1(x), self.conv3x3(x), self.conv5x5(x), self.maxpool_conv1x1(x)], 1)


class AuxOut(nn.Module):
    def __init__(self, in_channel, p, num_classes, batch_norm=True):
        super().__init__()
        self.avgpool_conv = nn.Sequential(nn.AvgPool2d(5, 3), BasicConv2d(in_channel, 128, 1, 1, batch_norm=batch_norm))
        self.fc = nn.Sequential(nn.Linear(2048, 1024), nn.ReLU(), nn.Dropout(p=p), nn.Linear(1024, num_classes))


TABLE = [("inception3a", 192, (64, 96, 128, 16, 32, 32), 256), ("inception3b", 256, (128, 128, 192, 32, 96, 64), 480),
         ("inception4a", 480, (192, 96, 208, 16, 48, 64), 512), ("inception4b", 512, (160, 112, 224, 24, 64, 64), 512),
         ("inception4c", 512, (128, 128, 256, 24, 64, 64), 512), ("inception4d", 512, (112, 144, 288, 32, 64, 64), 528),
         ("inception4e", 528, (256, 160, 320, 32, 128, 128), 832), ("inception5a", 832, (256, 160, 320, 32, 128, 128), 832),
         ("inception5b", 832, (384, 192, 384, 48, 128, 128), 1024)]


class InceptionV1(nn.Module):
    """The seed's Inception_V1 (module order as the seed's __init__), BatchNorm optional."""
    def __init__(self, num_classes=1000, batch_norm=True):
        super().__init__()
        bn = batch_norm
        self.conv1 = BasicConv2d(3, 64, 7, 2, padding=3, batch_norm=bn)
        self.maxpool1 = nn.MaxPool2d(3, 2, padding=1)
        self.conv2a = BasicConv2d(64, 64, 1, 1, batch_norm=bn)
        self.conv2b = BasicConv2d(64, 192, 3, 1, padding=1, batch_norm=bn)
        self.maxpool2 = nn.MaxPool2d(3, 2, padding=1)
        for name, cin, fs, cout in TABLE[:2]:
            setattr(self, name, Inception(cin, fs, cout, batch_norm=bn))
        self.maxpool3 = nn.MaxPool2d(3, 2, padding=1)
        for name, cin, fs, cout in TABLE[2:7]:
            setattr(self, name, Inception(cin, fs, cout, batch_norm=bn))
        self.maxpool4 = nn.MaxPool2d(3, 2, padding=1)
        for name, cin, fs, cout in TABLE[7:]:
            setattr(self, name, Inception(cin, fs, cout, batch_norm=bn))
        self.aux1 = AuxOut(512, 0.5, num_classes, batch_norm=bn)
        self.aux2 = AuxOut(528, 0.5, num_classes, batch_norm=bn)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(0.5)
        self.classifier = nn.Linear(1024, num_classes)


def block_case(prefix, module, input_shape, tensors):
    for name, t in module.state_dict().items():
        tensors[prefix + name] = t.detach().clone().contiguous()
    x = torch.randn(*input_shape, requires_grad=True)
    y = module(x)
    g = torch.randn_like(y)
    y.backward(g)
    tensors[prefix + "input"] = x.detach().clone()
    tensors[prefix + "grad_output"] = g
    tensors[prefix + "expected.output"] = y.detach().clone()
    tensors[prefix + "expected.grad.input"] = x.grad.detach().clone()
    for name, p in module.named_parameters():
        tensors[prefix + "expected.grad." + name] = p.grad.detach().clone()


def main():
    torch.manual_seed(14)
    tensors = {}
    block_case("basic.", BasicConv2d(5, 7, 3, 2, padding=1, batch_norm=False), (3, 5, 11, 13), tensors)
    block_case("inception.", Inception(16, (8, 8, 12, 4, 6, 6), 32, batch_norm=False), (2, 16, 9, 9), tensors)
    save_file(tensors, os.path.join(HERE, "grad_nobn_blocks.safetensors"), metadata={"torch": torch.__version__})

    net = InceptionV1(num_classes=12, batch_norm=False)
    keys = ",\n".join(json.dumps([name, list(t.shape)]) for name, t in net.state_dict().items())
    with open(os.path.join(HERE, "state_dict_nobn.json"), "w") as f:
        f.write('{"torch": %s, "num_classes": 12, "keys": [\n%s\n]}\n' % (json.dumps(torch.__version__), keys))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Makes seed_aux1.safetensors: the seed's AuxOut(512, p=0, num_classes=10) in train mode, run by
PyTorch on a 2×512×14×14 input.

Its 1024×2048 first fc weight (8 MB of the old 9.5 MB file) is not stored: it is drawn from an
integer hash of its index that the tests compute again (TestSupport/Fixtures.swift,
`Fixtures.hashedUniform`), named in the metadata's `derived` entry as "name rows,cols amplitude".
Everything else is drawn from numpy's generator seeded 0, as the other seed_* fixtures are
(He-scaled normal weights; BatchNorm running mean in [-0.2, 0.2], var in [0.5, 2], gamma in
[0.5, 1.5], beta in [-0.1, 0.1]).

  python3 -m venv /tmp/v && /tmp/v/bin/pip install torch numpy safetensors
  /tmp/v/bin/python make_seed_aux1.py [--check OLD.safetensors] [--out seed_aux1.safetensors]

--check runs this AuxOut on an earlier fixture's weights and input and compares with its expected
output (the module here is the seed's, written out again).
"""
import argparse
import numpy as np
import torch
from torch import nn
from safetensors.numpy import load_file, save_file


class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, k, stride, padding=0):
        super().__init__()
        self.layer = nn.Sequential(nn.Conv2d(cin, cout, k, stride, padding=padding), nn.BatchNorm2d(cout), nn.ReLU())

    def forward(self, x):
        return self.layer(x)


class AuxOut(nn.Module):            # the seed's, as in its text
    def __init__(self, in_channel, p, num_classes):
        super().__init__()
        self.avgpool_conv = nn.Sequential(nn.AvgPool2d(5, 3, padding=0), BasicConv2d(in_channel, 128, 1, 1, padding=0))
        self.fc = nn.Sequential(nn.Linear(2048, 1024), nn.ReLU(), nn.Dropout(p=p), nn.Linear(1024, num_classes))

    def forward(self, x):
        return self.fc(torch.flatten(self.avgpool_conv(x), 1))


def hashed_uniform(rows, cols, amplitude):
    """w[i, j] = (h(i·cols + j) / 2³² − ½) · 2 · amplitude, h a 32-bit integer hash (exact in any language)."""
    k = np.arange(rows * cols, dtype=np.uint64)
    x = (k * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x45D9F3B)) & np.uint64(0xFFFFFFFF)
    x ^= x >> np.uint64(16)
    return ((x.astype(np.float64) / 4294967296.0 - 0.5) * 2 * amplitude).astype(np.float32).reshape(rows, cols)


def run(weights, x):
    m = AuxOut(512, 0.0, 10)
    m.load_state_dict({k[len("aux1."):]: torch.from_numpy(v) for k, v in weights.items()}, strict=False)
    m.train()
    with torch.no_grad():
        return m(torch.from_numpy(x)).numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check")
    ap.add_argument("--out", default="seed_aux1.safetensors")
    a = ap.parse_args()
    if a.check:
        old = load_file(a.check)
        got = run({k: v for k, v in old.items() if k.startswith("aux1.")}, old["input"])
        print("max |Δ| against", a.check, float(np.abs(got - old["expected.train"]).max()))
    rng = np.random.default_rng(0)
    he = lambda shape, fan_in: (rng.standard_normal(shape) * np.sqrt(2 / fan_in)).astype(np.float32)
    amplitude = float(np.sqrt(3 * 2 / 2048))       # uniform with He's variance for fan-in 2048
    w = {
        "aux1.avgpool_conv.1.layer.0.weight": he((128, 512, 1, 1), 512),
        "aux1.avgpool_conv.1.layer.0.bias": rng.uniform(-0.05, 0.05, 128).astype(np.float32),
        "aux1.avgpool_conv.1.layer.1.weight": rng.uniform(0.5, 1.5, 128).astype(np.float32),
        "aux1.avgpool_conv.1.layer.1.bias": rng.uniform(-0.1, 0.1, 128).astype(np.float32),
        "aux1.avgpool_conv.1.layer.1.running_mean": rng.uniform(-0.2, 0.2, 128).astype(np.float32),
        "aux1.avgpool_conv.1.layer.1.running_var": rng.uniform(0.5, 2.0, 128).astype(np.float32),
        "aux1.fc.0.bias": rng.uniform(-0.05, 0.05, 1024).astype(np.float32),
        "aux1.fc.3.weight": he((10, 1024), 1024),
        "aux1.fc.3.bias": rng.uniform(-0.05, 0.05, 10).astype(np.float32),
    }
    x = rng.standard_normal((2, 512, 14, 14)).astype(np.float32)
    fc0 = hashed_uniform(1024, 2048, amplitude)
    expected = run({**w, "aux1.fc.0.weight": fc0}, x)
    save_file({**w, "input": x, "expected.train": expected}, a.out, metadata={
        "prefix": "aux1.", "case": "seed_aux1",
        "note": "seed AuxOut(512, p=0, num_classes=10), train mode (dropout p=0); made by make_seed_aux1.py",
        "derived": f"aux1.fc.0.weight 1024,2048 {amplitude!r}"})
    print("wrote", a.out, "expected.train", expected.ravel()[:4], "…")


if __name__ == "__main__":
    main()

"""Prints the PyTorch numbers that TorchGeneratorTests pins (the draws of torch's CPU generator
after torch.manual_seed), as Swift array literals to paste into the test.

    python3 -m venv /tmp/torch-venv && /tmp/torch-venv/bin/pip install torch
    /tmp/torch-venv/bin/python Tests/InceptionRuntimeTests/torch_generator_values.py
"""
import torch


def show(name, values):
    print(f"{name}: [{', '.join(repr(v) for v in values)}]")


torch.manual_seed(0); show("randn(3)", torch.randn(3).tolist())
torch.manual_seed(0); show("randn(20)[:6]", torch.randn(20)[:6].tolist())
torch.manual_seed(0); show("empty(16).normal_(1.0, 0.5)[:3]", torch.empty(16).normal_(1.0, 0.5)[:3].tolist())
torch.manual_seed(0); show("rand(4)", torch.rand(4).tolist())
torch.manual_seed(0); show("randint(0, 10, (5,))", torch.randint(0, 10, (5,)).tolist())
torch.manual_seed(0); show("randperm(10)", torch.randperm(10).tolist())
torch.manual_seed(0); show("bernoulli_(0.3) x 20", [int(v) for v in torch.empty(20).bernoulli_(0.3).tolist()])
torch.manual_seed(0); show("Linear(7, 5).weight[0]", torch.nn.Linear(7, 5).weight[0].tolist())
torch.manual_seed(0); w = torch.empty(4, 5); torch.nn.init.trunc_normal_(w, std=0.5, a=-0.6, b=0.7); show("trunc_normal_(std=0.5, a=-0.6, b=0.7)[0]", w[0].tolist())
torch.manual_seed(0); w = torch.empty(4, 5); torch.nn.init.trunc_normal_(w, mean=0, std=1, a=2, b=3); show("trunc_normal_(a=2, b=3)[0]", w[0].tolist())
torch.manual_seed(0); show("empty(4).exponential_()", torch.empty(4).exponential_().tolist())
torch.manual_seed(0); show("multinomial([0.1, 0.4, 0.2, 0.3], 3)", torch.multinomial(torch.tensor([0.1, 0.4, 0.2, 0.3]), 3).tolist())
torch.manual_seed(0); show("multinomial([0.1, 0.4, 0.2, 0.3], 8, True)", torch.multinomial(torch.tensor([0.1, 0.4, 0.2, 0.3]), 8, True).tolist())
torch.manual_seed(0); p = torch.zeros(20); p[2] = 1; show("multinomial(one-hot 20 at 2, 20)", torch.multinomial(p, 20).tolist())
torch.manual_seed(0); p = torch.zeros(200); p[7] = 1; show("multinomial(one-hot 200 at 7, 3)", torch.multinomial(p, 3).tolist())
torch.manual_seed(0); show("multinomial(double [0, 1, 0, 2.5] x 3, 6, True)", torch.multinomial(torch.tensor([0, 1, 0, 2.5] * 3, dtype=torch.double), 6, True).tolist())

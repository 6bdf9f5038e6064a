import torch
import torch.nn as nn

torch.manual_seed(0)

class TiedLM(nn.Module):
    def __init__(self, V=12, D=6):
        super().__init__()
        self.embed = nn.Embedding(V, D)
        self.lstm = nn.LSTM(D, D, batch_first=True)
        self.decoder = nn.Linear(D, V, bias=False)
        self.decoder.weight = self.embed.weight
        self.register_parameter("temperature", None)
        self.register_buffer("mask", torch.ones(V), persistent=False)
    def forward(self, x):
        h, _ = self.lstm(self.embed(x))
        return self.decoder(h) * self.mask

m = TiedLM()
print(m)
print(m.decoder.weight is m.embed.weight)
print([n for n, _ in m.named_parameters()])
print(len(list(m.parameters())), sum(p.numel() for p in m.parameters()))
print(list(m.state_dict().keys()))
print(m.temperature)
x = torch.randint(0, 12, (2, 5))
out = m(x)
print(out.shape)
loss = nn.functional.cross_entropy(out.view(-1, 12), x.view(-1))
loss.backward()
print(m.embed.weight.grad.shape, m.decoder.weight.grad is m.embed.weight.grad)
print([n for n, _ in m.named_parameters(remove_duplicate=False)])
print(dict(m.named_buffers()).keys())
m.temperature = nn.Parameter(torch.tensor(1.0))
print([n for n, _ in m.named_parameters()])
class Sub(nn.Module):
    pass
m.extra = Sub()
print(m.extra, "extra" in dict(m.named_children()))
print([n for n, _ in m.named_children()])
try:
    m.register_buffer("embed", torch.zeros(1))
except KeyError as e:
    print("KeyError:", e)
try:
    m.register_parameter("bad.name", nn.Parameter(torch.zeros(1)))
except KeyError as e:
    print("KeyError:", e)
try:
    m.decoder.weight = torch.zeros(12, 6)
except TypeError as e:
    print("TypeError:", e)
for bad in ["", "a.b"]:
    try:
        m.register_buffer(bad, torch.zeros(1))
    except KeyError as e:
        print("KeyError:", e)
try:
    m.register_parameter("lstm", nn.Parameter(torch.zeros(1)))
except KeyError as e:
    print("KeyError:", e, e.args)
try:
    m.register_parameter("plain", torch.zeros(1))
except TypeError as e:
    print("TypeError:", type(e).__name__)
class MultiHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Linear(6, 10)
        self.heads = nn.ModuleDict({
            "cls": nn.Linear(10, 3),
            "reg": nn.Sequential(nn.Linear(10, 4), nn.ReLU(), nn.Linear(4, 1)),
        })
        self.scales = nn.ParameterList([nn.Parameter(torch.ones(1) * i) for i in range(3)])
        self.bias = nn.ParameterDict({"a": nn.Parameter(torch.zeros(2)), "b": nn.Parameter(torch.ones(3))})
    def forward(self, x):
        h = torch.relu(self.trunk(x))
        return {k: head(h) for k, head in self.heads.items()}

m = MultiHead()
print(m)
out = m(torch.randn(5, 6))
print({k: tuple(v.shape) for k, v in out.items()})
print([n for n, _ in m.named_parameters()])
print(len(list(m.parameters())), len(list(m.modules())), len(list(m.children())))
print(list(m.heads.keys()), "cls" in m.heads, len(m.heads))
m.heads["aux"] = nn.Linear(10, 2)
print(list(m.heads))
del m.heads["aux"]
print(len(m.heads))
print(m.scales[1], len(m.scales))
m.scales.append(nn.Parameter(torch.full((1,), 7.0)))
print(list(m.bias.keys()), m.bias["b"])
print([n for n, _ in m.named_modules()])
print([n for n, _ in m.named_modules(prefix="model")][:3])
for n, b in m.named_buffers():
    print(n)
print(m.get_submodule("heads.reg.2"))
print(m.get_parameter("heads.cls.bias").shape)
m.requires_grad_(False)
print(any(p.requires_grad for p in m.parameters()))
m.heads.requires_grad_(True)
print([n for n, p in m.named_parameters() if p.requires_grad])
print(m.heads["reg"][0].weight.dtype)
m.float()
print(m.heads["reg"][0].weight.dtype, m.scales[0].dtype)
print(sum(p.numel() for p in m.parameters()))

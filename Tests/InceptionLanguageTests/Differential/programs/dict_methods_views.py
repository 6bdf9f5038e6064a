import torch.nn as nn
d = {"b": 2}
d.update({"c": 3})
d.update(a=1)
print(d, d.pop("b"), d, d.pop("zz", None))
print(d.setdefault("z", 0), d, dict(d), dict([("x", 1)]), dict(y=2))
print(d.keys(), d.values(), d.items(), list(d.keys()), len(d.keys()), "a" in d.keys())
e = d.copy()
e["new"] = 1
print(d, e)
m = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2))
sd = m.state_dict()
print(sd.keys())
print(type(sd).__name__, len(sd), type(d).__name__)
print(m[1].num_batches_tracked, [b.dtype for b in m.buffers()])
for name, b in m.named_buffers():
    print(name, b.shape)

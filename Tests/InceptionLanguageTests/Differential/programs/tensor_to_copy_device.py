# x.to(other) takes other's dtype; to(..., copy=True) always gives a tensor of its own (a change
# to it leaves x as it was), while to(its own dtype) and .float() on a float tensor give x back;
# device strings are parsed as PyTorch parses them.
import torch

x = torch.tensor([1, 2])
f = torch.tensor([1.5, -2.5])
print(x.to(f), f.to(x), x.to(f).dtype, f.to(x).dtype, x.to(torch.device("cpu"), torch.float32))
y = f.to(torch.float32, copy=True)
y += 1
z = f.to(copy=True)
z[0] = 9
print(f, y, z)
same = f.float()
same[1] = 5
print(f, same, f.to(torch.float32) is f, f.float() is f, x.long() is x, x.to(f) is x)
c = x.to(torch.int64, False, True)
c *= 3
print(x, c)
g = torch.tensor([1.0, 2.0], requires_grad=True)
print(g.to(torch.float32, copy=True), g.to(torch.float32) is g, g.to(x))
for device in ["float32", "gpu", "cpu:0", "cpu"]:
    try:
        print(torch.zeros(2).to(device))
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    print(torch.device("float32"))
except RuntimeError as e:
    print("RuntimeError:", e)

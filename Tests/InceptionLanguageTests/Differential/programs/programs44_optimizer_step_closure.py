import torch
torch.manual_seed(0)
x = torch.tensor([1.5, -0.5], requires_grad=True)
y = torch.tensor([3.0], requires_grad=True)
sgd = torch.optim.SGD([y], lr=0.1)
def c2():
    sgd.zero_grad(); l = (y ** 2).sum(); l.backward(); return l
print(sgd.step(c2).item(), y)

# "Learning PyTorch with Examples": y = sin(x) on torch.linspace(-pi, pi, 2000) fitted by a cubic,
# by hand (x ** 2, x ** 3, .pow(2).sum(), manual updates), then by nn.Linear on x.unsqueeze(-1).pow(p);
# softmax probabilities and their sums as "Build the model" prints them; linspace's values
# (ATen fills them in float, each a fused multiply-add) and the powers ATen computes without pow
import math
import torch

x = torch.linspace(-math.pi, math.pi, 2000)
print(x[:3].tolist(), x[995:1005].tolist(), x.sum().item())
print(torch.linspace(0, 1, 7).tolist(), torch.linspace(-3, 5, 33)[::8].tolist(), torch.linspace(2, 2, 1), torch.linspace(0, 1, 0))
print(torch.linspace(0.1, 7.3, 1001).sum().item(), torch.linspace(-1, 1, 50, dtype=torch.float32)[20:30].tolist())
z = torch.randn(1000) * 3
print((z ** 3).sum().item(), (z ** -1)[:3].tolist(), (z ** -2)[:3].tolist(), (z.abs() ** -0.5)[:3].tolist(), torch.pow(z, 3)[:3].tolist())
print((x ** 2).sum().item(), (x ** 3).sum().item())

y = torch.sin(x)
a, b, c, d = torch.randn(()), torch.randn(()), torch.randn(()), torch.randn(())
learning_rate = 1e-6
for t in range(300):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum().item()
    if t % 100 == 99:
        print(t, loss)
    grad_y_pred = 2.0 * (y_pred - y)
    grad_a = grad_y_pred.sum()
    grad_b = (grad_y_pred * x).sum()
    grad_c = (grad_y_pred * x ** 2).sum()
    grad_d = (grad_y_pred * x ** 3).sum()
    a -= learning_rate * grad_a
    b -= learning_rate * grad_b
    c -= learning_rate * grad_c
    d -= learning_rate * grad_d
print(f'Result: y = {a.item():.5f} + {b.item():.5f} x + {c.item():.5f} x^2 + {d.item():.5f} x^3')

p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)
model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
loss_fn = torch.nn.MSELoss(reduction='sum')
for t in range(200):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= 1e-6 * param.grad
linear_layer = model[0]
print(f'Result: y = {linear_layer.bias.item():.5f} + {linear_layer.weight[:, 0].item():.5f} x + {linear_layer.weight[:, 1].item():.5f} x^2')

logits = torch.randn(6, 10) * 2
pred_probab = torch.nn.Softmax(dim=1)(logits)
print(pred_probab.sum(dim=1), pred_probab.argmax(1))
print(pred_probab[0].tolist())
print(torch.softmax(torch.randn(3, 40), dim=-1).sum(-1).tolist(), torch.softmax(torch.randn(2, 3, 5), 2).sum(2))

import torch

torch.manual_seed(12)
true_w = torch.tensor([[2.0], [-3.4]])
true_b = 4.2
X = torch.randn(40, 2)
y = X @ true_w + true_b + 0.01 * torch.randn(40, 1)
w = torch.zeros(2, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
for epoch in range(5):
    for i in range(0, 40, 10):
        xb, yb = X[i:i + 10], y[i:i + 10]
        loss = ((xb @ w + b - yb) ** 2 / 2).mean()
        loss.backward()
        with torch.no_grad():
            for p in (w, b):
                p -= lr * p.grad
                p.grad.zero_()
    with torch.no_grad():
        full = ((X @ w + b - y) ** 2 / 2).mean()
    print(f"epoch {epoch + 1}, loss {full:f}")
print(f"w error: {(true_w - w).flatten()}")
print(f"b error: {true_b - b.item():.4f}")
print(w.grad, b.grad)
# logistic regression by hand
Xc = torch.cat([torch.randn(10, 2) + 2, torch.randn(10, 2) - 2])
yc = torch.cat([torch.ones(10), torch.zeros(10)])
theta = torch.zeros(3, requires_grad=True)
Xa = torch.cat([Xc, torch.ones(20, 1)], dim=1)
for it in range(30):
    p = torch.sigmoid(Xa @ theta)
    nll = -(yc * torch.log(p + 1e-9) + (1 - yc) * torch.log(1 - p + 1e-9)).mean()
    g, = torch.autograd.grad(nll, theta)
    theta.data -= 0.5 * g
    if it % 10 == 9:
        print(it + 1, round(nll.item(), 4), ((p > 0.5).float() == yc).float().mean().item())
print(theta.detach())

import torch
torch.manual_seed(0)
true_w = torch.tensor([2.0, -3.4]); true_b = 4.2
X = torch.normal(0, 1, (100, 2)); y = X @ true_w + true_b + torch.normal(0, 0.01, (100,))
w = torch.zeros(2, requires_grad=True); b = torch.zeros(1, requires_grad=True)
lr = 0.1
for epoch in range(5):
    for i in range(0, 100, 25):
        xb, yb = X[i:i+25], y[i:i+25]
        l = ((xb @ w + b - yb) ** 2 / 2).mean()
        l.backward()
        with torch.no_grad():
            w -= lr * w.grad; b -= lr * b.grad
            w.grad.zero_(); b.grad.zero_()
    with torch.no_grad():
        tl = ((X @ w + b - y) ** 2 / 2).mean()
    print(f"epoch {epoch + 1}, loss {float(tl):f}")
print(f"error in w: {true_w - w.reshape(true_w.shape)}")
print(f"error in b: {true_b - b}")

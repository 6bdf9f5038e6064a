# manual softmax regression using torch.autograd.grad
import torch
torch.manual_seed(0)
n, d, k = 60, 4, 3
X = torch.randn(n, d)
W_true = torch.randn(d, k)
y = (X @ W_true).argmax(1)
W = torch.zeros(d, k, requires_grad=True)
b = torch.zeros(k, requires_grad=True)

def softmax(z):
    z = z - z.max(dim=1, keepdim=True).values
    e = torch.exp(z)
    return e / e.sum(dim=1, keepdim=True)

def cross_entropy(p, y):
    return -torch.log(p[range(len(p)), y]).mean()

lr = 0.5
for epoch in range(30):
    p = softmax(X @ W + b)
    loss = cross_entropy(p, y)
    gW, gb = torch.autograd.grad(loss, [W, b])
    with torch.no_grad():
        W -= lr * gW
        b -= lr * gb
    if epoch % 10 == 0:
        acc = (p.argmax(1) == y).float().mean()
        print(f"epoch {epoch}: loss {loss.item():.4f} acc {acc.item():.3f}")
print(W.grad is None, b.grad)
# analytic gradient check
p = softmax(X @ W + b)
loss = cross_entropy(p, y)
gW, = torch.autograd.grad(loss, W, retain_graph=True)
onehot = torch.nn.functional.one_hot(y, k).float()
analytic = X.t() @ (p - onehot) / n
print(torch.allclose(gW, analytic, atol=1e-6))
gb = torch.autograd.grad(loss, b)[0]
print(torch.allclose(gb, (p - onehot).mean(0), atol=1e-6))
print(torch.allclose(softmax(X @ W), torch.softmax(X @ W, 1), atol=1e-6))
z = torch.ones(2, requires_grad=True)
u = torch.ones(2, requires_grad=True)
out = (z * 2).sum()
print(torch.autograd.grad(out, [z, u], allow_unused=True))
try:
    torch.autograd.grad((z * 2).sum(), [z, u])
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.autograd.grad((z * 3), z, grad_outputs=torch.ones(2)))

# "Dive into Deep Learning" linear regression from scratch: parameters made by
# torch.normal(0, 0.01, size=(2, 1), requires_grad=True), a data_iter generator, sgd under no_grad
import random
import torch

def synthetic_data(w, b, num_examples):
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))

true_w = torch.tensor([2, -3.4])
true_b = 4.2
features, labels = synthetic_data(true_w, true_b, 200)
print('features:', features[0], '\nlabel:', labels[0])

def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)
    for i in range(0, num_examples, batch_size):
        batch_indices = torch.tensor(indices[i: min(i + batch_size, num_examples)])
        yield features[batch_indices], labels[batch_indices]

w = torch.normal(0, 0.01, size=(2, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)
print(w.requires_grad, w.is_leaf, w.grad_fn, w.shape)

def linreg(X, w, b):
    return torch.matmul(X, w) + b

def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2

def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()

random.seed(0)
lr, num_epochs = 0.03, 3
for epoch in range(num_epochs):
    for X, y in data_iter(10, features, labels):
        l = squared_loss(linreg(X, w, b), y)
        l.sum().backward()
        sgd([w, b], lr, 10)
    with torch.no_grad():
        train_l = squared_loss(linreg(features, w, b), labels)
        print(f'epoch {epoch + 1}, loss {float(train_l.mean()):f}')
print(f'error in w: {true_w - w.reshape(true_w.shape)}')
print(f'error in b: {true_b - b}')

g = torch.Generator().manual_seed(7)
v = torch.normal(2.0, 3.0, size=(4,), generator=g, requires_grad=True)
print(v)
(v * v).sum().backward()
print(v.grad)
print(torch.normal(0.0, 1.0, size=(2,), dtype=torch.float32).dtype)
try:
    torch.normal(torch.zeros(2), 1.0, requires_grad=True)
except TypeError:
    print('TypeError')

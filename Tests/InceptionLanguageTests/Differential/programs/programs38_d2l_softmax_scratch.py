import torch
from torch import nn

class Accumulator:
    """For accumulating sums over `n` variables."""
    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def reset(self):
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]

def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())

def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition

def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])

num_inputs, num_outputs = 12, 4
W = torch.normal(0, 0.01, size=(num_inputs, num_outputs), requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)

def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)

X = torch.normal(0, 1, (2, 5))
X_prob = softmax(X)
print(X_prob, X_prob.sum(1))
y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])
print(cross_entropy(y_hat, y))
print(accuracy(y_hat, y) / len(y))

feats = torch.randn(40, 3, 2, 2)
labels = torch.randint(0, 4, (40,))

def updater(batch_size, lr=0.1):
    with torch.no_grad():
        for param in [W, b]:
            param -= lr * param.grad / batch_size
            param.grad.zero_()

def train_epoch_ch3(net, feats, labels, loss, updater):
    metric = Accumulator(3)
    for i in range(0, 40, 10):
        X, y = feats[i:i + 10], labels[i:i + 10]
        y_hat = net(X)
        l = loss(y_hat, y)
        if isinstance(updater, torch.optim.Optimizer):
            updater.zero_grad()
            l.mean().backward()
            updater.step()
        else:
            l.sum().backward()
            updater(X.shape[0])
        metric.add(float(l.sum()), accuracy(y_hat, y), y.numel())
    return metric[0] / metric[2], metric[1] / metric[2]

for epoch in range(3):
    train_metrics = train_epoch_ch3(net, feats, labels, cross_entropy, updater)
    train_loss, train_acc = train_metrics
    assert train_loss < 5, train_loss
    print(f'epoch {epoch + 1}: loss {train_loss:.3f}, train acc {train_acc:.3f}')

net2 = nn.Sequential(nn.Flatten(), nn.Linear(12, 4))
def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)
net2.apply(init_weights)
loss = nn.CrossEntropyLoss(reduction='none')
trainer = torch.optim.SGD(net2.parameters(), lr=0.1)
for epoch in range(3):
    train_loss, train_acc = train_epoch_ch3(net2, feats, labels, loss, trainer)
    print(f'epoch {epoch + 1}: loss {train_loss:.3f}, train acc {train_acc:.3f}')

sched = torch.optim.lr_scheduler.StepLR(trainer, step_size=1)
plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(trainer)
print(isinstance(trainer, torch.optim.Optimizer), isinstance(updater, torch.optim.Optimizer),
      isinstance(sched, torch.optim.Optimizer), isinstance(torch.optim.Adam(net2.parameters()), torch.optim.Optimizer))
print(isinstance(sched, torch.optim.lr_scheduler.LRScheduler), isinstance(plateau, torch.optim.lr_scheduler.LRScheduler),
      isinstance(trainer, torch.optim.lr_scheduler.LRScheduler), isinstance(net2, (torch.optim.Optimizer, nn.Module)))

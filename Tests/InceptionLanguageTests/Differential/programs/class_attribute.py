import torch
import torch.nn as nn
import torch.nn.functional as F
# x.__class__ is type(x) for every value: a grad_fn's name as tutorials print it, a block's class
x = torch.ones(2, requires_grad=True)
y = (x * 2).sum()
print(y.grad_fn.__class__.__name__, x.__class__.__name__, (3).__class__.__name__, nn.Linear(1,1).__class__.__name__)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
    def forward(self, x):
        return self.fc(x)
n = Net()
print(n.__class__.__name__, isinstance(n, n.__class__), [1].__class__.__name__, "a".__class__ is str, nn.Parameter(torch.ones(1)).__class__.__name__)

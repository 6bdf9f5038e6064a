import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(2):
            setattr(self, f"layer{i}", nn.Linear(2, 2))
    def forward(self, x):
        return x
n = Net()
print([name for name, _ in n.named_children()])
print(getattr(n, "layer1"), getattr(n, "missing", None), hasattr(n, "layer0"))

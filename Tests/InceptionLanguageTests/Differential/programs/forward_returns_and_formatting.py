# forward may return a dict, None or a number (PyTorch hands it back as is); f"{loss}" formats a 0-d tensor as its number; cross_entropy refuses float class indices
import torch
import torch.nn as nn
torch.manual_seed(0)
class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
    def forward(self, x):
        y = self.lin(x)
        return {"logits": y, "loss": y.sum()}
out = D()(torch.ones(1, 2))
print(out["logits"], out["loss"])
class N(nn.Module):
    def forward(self, x):
        print("side effect", x.shape)
class F(nn.Module):
    def forward(self, x):
        return float(x.sum())
print(N()(torch.ones(2)), F()(torch.ones(3)))
loss = torch.tensor(0.25)
print(f"loss {loss}", "{}".format(loss), f"{torch.tensor(3)}", f"{torch.tensor(True)}", f"{loss:.3f}", f"{loss!r}")
print(f"{torch.tensor([1.0, 2.0])}")
try:
    f"{torch.tensor([1.0, 2.0]):.3f}"
except TypeError as e:
    print("TypeError:", e)
try:
    nn.CrossEntropyLoss()(torch.tensor([[0.1, 0.2], [0.3, 0.4]]), torch.tensor([0., 1.]))
except RuntimeError as e:
    print("RuntimeError:", e)
print(nn.CrossEntropyLoss()(torch.tensor([[0.1, 0.2], [0.3, 0.4]]), torch.tensor([[0.5, 0.5], [1.0, 0.0]])))

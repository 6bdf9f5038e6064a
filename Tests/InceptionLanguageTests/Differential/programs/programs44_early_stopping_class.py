import torch
import torch.nn as nn
import copy
class EarlyStopping:
    def __init__(self, patience=2, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best = float("inf"); self.counter = 0; self.best_state = None
    def __call__(self, loss, model):
        if loss < self.best - self.min_delta:
            self.best = loss; self.counter = 0
            self.best_state = copy.deepcopy(model.state_dict())
            return False
        self.counter += 1
        return self.counter >= self.patience
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
x = torch.randn(20, 2); y = x @ torch.tensor([[1.0], [-2.0]]) + 0.3
stopper = EarlyStopping(patience=2, min_delta=1e-3)
val_losses = [0.9, 0.5, 0.4999, 0.6, 0.3, 0.31, 0.305]
for epoch, vl in enumerate(val_losses):
    opt.zero_grad(); loss = nn.functional.mse_loss(model(x), y); loss.backward(); opt.step()
    stop = stopper(vl, model)
    print(f"epoch {epoch} train={loss.item():.4f} val={vl} best={stopper.best} counter={stopper.counter}")
    if stop:
        print("early stop at", epoch); break
model.load_state_dict(stopper.best_state)
print(list(stopper.best_state), model.weight.shape)

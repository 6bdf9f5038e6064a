# Learning-rate schedules stepped once per epoch, printing get_last_lr() as the tutorials do:
# ChainedScheduler (ConstantLR's warm-up factor times ExponentialLR's decay, and a chain of
# StepLR with CosineAnnealingLR over two groups), beside the schedulers alone; and its refusals.
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR, StepLR, CosineAnnealingLR, ReduceLROnPlateau

torch.manual_seed(0)
model = nn.Linear(4, 2)
x, y = torch.randn(8, 4), torch.randn(8, 2)

def train_epoch(opt):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()

optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
scheduler1 = ConstantLR(optimizer, factor=0.1, total_iters=2)
scheduler2 = ExponentialLR(optimizer, gamma=0.9)
scheduler = ChainedScheduler([scheduler1, scheduler2], optimizer=optimizer)
print(scheduler.get_last_lr(), optimizer.param_groups[0]['lr'])
for epoch in range(5):
    loss = train_epoch(optimizer)
    scheduler.step()
    print(f"epoch {epoch}: loss {loss:.4f} lr {scheduler.get_last_lr()}")

optimizer = torch.optim.SGD([{'params': model.weight}, {'params': model.bias, 'lr': 0.5}], lr=0.1, momentum=0.9)
chain = ChainedScheduler([StepLR(optimizer, step_size=2, gamma=0.5), CosineAnnealingLR(optimizer, T_max=4)])
for epoch in range(6):
    train_epoch(optimizer)
    chain.step()
    print(epoch, [round(lr, 6) for lr in chain.get_last_lr()], [round(g['lr'], 6) for g in optimizer.param_groups])

last = chain.get_last_lr()
last.append(1.0)
print(len(chain.get_last_lr()))

for bad in [[], [ReduceLROnPlateau(optimizer)]]:
    try:
        ChainedScheduler(bad)
    except ValueError as e:
        print("ValueError:", e)

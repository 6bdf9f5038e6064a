# chunk / split of empty dims and their size errors; cat skipping legacy empty (0,) tensors
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

p(lambda: torch.chunk(torch.arange(0), 2))
p(lambda: torch.chunk(torch.arange(0), 1))
p(lambda: torch.chunk(torch.zeros(0,3), 3))
p(lambda: torch.chunk(torch.zeros(2,0), 3, dim=1))
p(lambda: torch.chunk(torch.zeros(3), 0))
p(lambda: torch.chunk(torch.zeros(3), -1))
p(lambda: torch.split(torch.zeros(0, 2), 1))
p(lambda: torch.split(torch.zeros(0, 2), 3))
p(lambda: torch.split(torch.zeros(3), 0))
p(lambda: torch.split(torch.zeros(0), 0))
p(lambda: torch.split(torch.zeros(3), -1))
p(lambda: torch.zeros(0).chunk(5))
p(lambda: torch.zeros(5).chunk(4))
p(lambda: torch.zeros(6).chunk(4))
p(lambda: torch.zeros(2,0).split(1, dim=1))
p(lambda: torch.zeros(2,0).split([0,0], dim=1))

p(lambda: torch.cat([torch.tensor([]), torch.ones(1, 3)]))
p(lambda: torch.cat([torch.ones(1, 3), torch.tensor([]), torch.ones(1, 3) * 2], dim=1))
p(lambda: torch.cat([torch.tensor([]), torch.tensor([])]))
p(lambda: torch.cat([torch.tensor([], dtype=torch.long), torch.ones(1, 2, dtype=torch.long)]))
p(lambda: torch.cat([torch.tensor([]), torch.ones(1, 2, dtype=torch.long)]))
p(lambda: torch.cat([torch.tensor([]), torch.ones(2, 2)], dim=-1))
p(lambda: torch.cat([torch.tensor([]), torch.ones(2, 2)], dim=2))
p(lambda: torch.cat([torch.zeros(0, 3), torch.ones(2, 3)]))
p(lambda: torch.cat([torch.zeros(0, 2), torch.ones(2, 3)]))
p(lambda: torch.cat([torch.tensor([]), torch.ones(3)]))
p(lambda: torch.cat([]))
p(lambda: torch.stack([]))
x = torch.ones(1, 3, requires_grad=True)
y = torch.cat([torch.tensor([]), x]); y.sum().backward(); print(y, x.grad)

out = torch.tensor([])
for i in range(2):
    out = torch.cat([out, torch.ones(1, 3) * i])
print(out)

import torch
def show(f):
    try:
        r = f()
        print(r)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
x = torch.tensor([1.0, 2.0])
show(lambda: torch.lerp(x, 2, 0.25))
show(lambda: x.lerp(2, 0.5))
show(lambda: torch.lerp(torch.tensor([True, False]), 2, 0.25))
show(lambda: torch.lerp(x, torch.tensor([3.0, 4.0]), 0.5))
show(lambda: torch.lerp(x, torch.tensor([3.0, 4.0]), torch.tensor([0.5, 1.0])))
show(lambda: torch.lerp(x, torch.tensor([3.0, 4.0]), 'a'))
show(lambda: x.clone().lerp_(3.0, 0.5))

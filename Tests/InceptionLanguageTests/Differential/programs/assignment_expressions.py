# name := value: in a while condition, an if, a comprehension's filter, an f-string's braces;
# and a format spec that starts with '=' is still a format spec.
import torch
n = 0
while (n := n + 1) < 3:
    pass
print("done", n)
losses = torch.tensor([2.3, 1.1, 0.4, 0.2])
if (best := losses.min().item()) < 0.5:
    print(f"best {best:.2f}")
ys = [y for x in range(5) if (y := x * x) > 3]
print(ys, f"{n:=^7}", f"{(m := 5)}", m)

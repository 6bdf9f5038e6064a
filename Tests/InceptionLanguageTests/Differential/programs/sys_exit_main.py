# An example script's ending: main() run through sys.exit, a SystemExit caught on the way.
import sys
import torch

def train(steps):
    w = torch.zeros(3, requires_grad=True)
    for step in range(steps):
        loss = ((w - torch.tensor([1.0, -2.0, 0.5])) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= 0.25 * w.grad
            w.grad.zero_()
        print(f"step {step}: loss {loss.item():.4f}")
    return w

def main():
    try:
        sys.exit(4)
    except SystemExit as e:
        print("caught SystemExit", e, e.args)
    w = train(3)
    print("weights", w.detach())
    return 0

if __name__ == "__main__":
    sys.exit(main())
print("never printed")

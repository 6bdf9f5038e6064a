import torch
import torch.nn.functional as F
def show(f):
    try:
        r = f()
        print(r, r.dtype, r.shape)
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
p = torch.tensor([0.5, 0.2, 0.9])
show(lambda: F.binary_cross_entropy(p, torch.tensor([-1.0, 0.5, 1.0])))
show(lambda: F.binary_cross_entropy(p, torch.tensor([1.0, 1.5, 0.0])))
show(lambda: F.binary_cross_entropy(p, torch.tensor([float('nan'), 0.5, 0.0])))
show(lambda: F.binary_cross_entropy(torch.tensor([0.5, 1.2, 0.1]), torch.tensor([1.0, 1.5, 0.0])))
show(lambda: F.binary_cross_entropy(p, torch.tensor([1.0, 0.0, 1.0])))
show(lambda: F.binary_cross_entropy(torch.tensor([1, 0]), torch.tensor([1.0, 0.0])))
show(lambda: F.binary_cross_entropy(torch.tensor([1, 0]), torch.tensor([1, 0])))
show(lambda: F.binary_cross_entropy_with_logits(torch.tensor([-4, 5, 5]), torch.tensor([0.25, -0.5, 0.61])))
show(lambda: F.binary_cross_entropy_with_logits(torch.zeros((2, 0), dtype=torch.bool), torch.zeros((2, 0))))
show(lambda: F.binary_cross_entropy_with_logits(torch.tensor([1, 2]), torch.tensor([1])))
show(lambda: F.binary_cross_entropy_with_logits(torch.tensor([-4.0, 5.0]), torch.tensor([1, 0])))
show(lambda: F.multi_margin_loss(torch.tensor([-1.0, 3.0, 2.0]), torch.tensor([[1, 1], [0, 0]])))
show(lambda: F.multi_margin_loss(torch.zeros((0, 3)), torch.tensor([2, 0])))
show(lambda: F.multi_margin_loss(torch.zeros((2, 3)), torch.tensor(1)))
show(lambda: F.multi_margin_loss(torch.tensor([0.25, -1.0, 2.0]), torch.tensor(1)))
show(lambda: F.multi_margin_loss(torch.tensor([[0.25, -1.0], [1.0, 0.5]]), torch.tensor([1, 0]), reduction='none'))

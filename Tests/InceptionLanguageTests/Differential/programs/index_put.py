# index_put_ / index_put (method and torch.index_put): a confusion matrix with accumulate=True,
# places written over, masks as indices, broadcast values, the gradient, PyTorch's error texts
import torch

num_classes = 4
preds = torch.randint(0, num_classes, (40,))
targets = torch.randint(0, num_classes, (40,))
cm = torch.zeros(num_classes, num_classes)
cm.index_put_((targets, preds), torch.ones(40), accumulate=True)
print(cm)
print(torch.equal(cm.long(), torch.bincount(targets * num_classes + preds, minlength=16).view(4, 4)))
counts = torch.zeros(num_classes, num_classes, dtype=torch.long)
counts.index_put_([targets, preds], torch.ones(40, dtype=torch.long), accumulate=True)
print(counts, counts.dtype)
print(cm.diag() / cm.sum(1))

x = torch.zeros(3, 4)
print(x.index_put((torch.tensor([0, 2]),), torch.tensor([1., 2., 3., 4.])))
print(x.index_put((torch.tensor([0, 0, 2]), torch.tensor([1, 1, 3])), torch.tensor([5., 6., 7.]), accumulate=True))
print(torch.index_put(x, (torch.tensor([1]), torch.tensor([0])), torch.tensor(9.)))
print(x.index_put((torch.tensor([True, False, True]),), torch.tensor(2.), accumulate=True))
print(x.index_put((torch.arange(12).view(3, 4) % 5 == 0,), torch.tensor(-1.)))
print(x.sum().item())
y = x.index_put_((torch.tensor([-1]),), torch.arange(4.))
print(y is x, x)

a = torch.zeros(4, requires_grad=True)
v = torch.tensor([1., 2., 3.], requires_grad=True)
z = (a * 1).index_put((torch.tensor([0, 0, 3]),), v, accumulate=True)
print(z)
(z * torch.arange(1., 5.)).sum().backward()
print(a.grad, v.grad)
a.grad = None; v.grad = None
w = (a * 1).index_put((torch.tensor([0, 2]),), v[:2])
(w * torch.arange(1., 5.)).sum().backward()
print(w, a.grad, v.grad)

for f in [lambda: x.index_put_((torch.tensor([0, 1]),), 1.0),
          lambda: x.index_put_((torch.tensor([0, 1]),), torch.tensor([1., 2.])),
          lambda: x.index_put_(torch.tensor([0, 1]), torch.tensor(1.)),
          lambda: x.index_put_((torch.tensor([0, 1]),), torch.tensor([1, 2, 3, 4])),
          lambda: x.index_put_((torch.tensor([0, 1]), [1, 2]), torch.ones(2)),
          lambda: x.index_put_((torch.tensor([0., 1.]),), torch.ones(4)),
          lambda: x.index_put_((torch.tensor([0, 1]), torch.tensor([0, 1, 2])), torch.tensor(1.), accumulate=True)]:
    try:
        f()
    except (RuntimeError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
print(x)

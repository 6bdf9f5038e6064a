# Random floats drawn into integer or bool tensors are PyTorch's NotImplementedError (rand, randn,
# their _like forms, normal_, uniform_), the random stream untouched; torch.tensor of None, a dict
# or an object is its "Could not infer dtype"; shape-changing in-place methods on a leaf that
# requires grad are refused with PyTorch's text
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

p(lambda: torch.rand(2, dtype=torch.long))
p(lambda: torch.rand(2, dtype=torch.int32))
p(lambda: torch.randn(2, dtype=torch.long))
p(lambda: torch.randn(2, dtype=torch.bool))
p(lambda: torch.rand_like(torch.zeros(2, dtype=torch.bool)))
p(lambda: torch.rand_like(torch.zeros(2, dtype=torch.int32)))
p(lambda: torch.randn_like(torch.zeros(2, dtype=torch.long)))
p(lambda: torch.rand_like(torch.zeros(2, dtype=torch.long), dtype=torch.float32))
p(lambda: torch.randn_like(torch.tensor([1, 2]), dtype=torch.float32))
p(lambda: torch.tensor([1, 2]).normal_())
p(lambda: torch.tensor([1, 2]).uniform_())
p(lambda: torch.tensor([True]).uniform_(0, 1))
print(torch.rand(3))
p(lambda: torch.tensor(None))
p(lambda: torch.tensor([None]))
p(lambda: torch.tensor([1, None]))
p(lambda: torch.tensor([1.0, None]))
p(lambda: torch.tensor([[None]]))
p(lambda: torch.tensor({1: 2}))
p(lambda: torch.tensor([torch.tensor([1, 2]), torch.tensor([3, 4])]))
p(lambda: torch.tensor([torch.tensor([1.0, 2.0])]))
p(lambda: torch.tensor([torch.tensor(1), torch.tensor(2.5)]))
w = torch.ones(2, requires_grad=True)
p(lambda: w.resize_(3))
p(lambda: w.unsqueeze_(0))
p(lambda: w.t_())
p(lambda: w.add_(1))
with torch.no_grad():
    w.add_(1)
print(w)

# PyTorch's exception classes and texts for tensor misuse; allclose with infinities; diag_embed's offset and dims; finfo of half types
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

x = torch.arange(6.).reshape(2, 3)
p(lambda: x.gather(1, torch.tensor([[3]])))
p(lambda: torch.arange(6.).topk(7))
p(lambda: x[torch.tensor([1.])])
p(lambda: torch.cat([]))
p(lambda: torch.histc(torch.tensor([1, 2])))
p(lambda: torch.linalg.inv(torch.eye(2, dtype=torch.long)))
p(lambda: torch.det(torch.eye(2, dtype=torch.long)))
p(lambda: x.permute(0, 0))
p(lambda: torch.einsum('ij', x, x))
p(lambda: torch.einsum('ij->ii', x))
p(lambda: torch.bmm(torch.zeros(2, 2, 3), torch.zeros(3, 3, 2)))
def f():
    y = torch.zeros(6); y[:] = torch.ones(2)
p(f)
p(lambda: torch.chunk(x, 0))
p(lambda: torch.bincount(torch.tensor([1.])))
p(lambda: torch.finfo(torch.float16))

def s1():
    y = torch.zeros(6); y[:] = torch.ones(2)
def s2():
    y = torch.zeros(2, 3); y[0] = torch.ones(2, 3)
def s3():
    y = torch.zeros(2, 3); y[0] = torch.ones(1, 3); return y
def s4():
    y = torch.zeros(6); y[torch.tensor([0, 1])] = torch.ones(3)
def s5():
    y = torch.zeros(2, 3); y[:, 1:] = torch.ones(3)
p(s1); p(s2); p(s3); p(s4); p(s5)
p(lambda: torch.bmm(torch.zeros(2, 2, 3), torch.zeros(2, 4, 2)))
p(lambda: torch.zeros(2, 3).permute(0))
p(lambda: torch.zeros(2, 3).permute(1, 1))
p(lambda: torch.zeros(2, 3).permute(0, 2))
p(lambda: torch.finfo(torch.float16).eps)
p(lambda: torch.finfo(torch.bfloat16))
p(lambda: torch.finfo(torch.half).max)

x = torch.arange(6.).reshape(2, 3)
p(lambda: x.gather(1, torch.tensor([[3]])))
p(lambda: x.gather(1, torch.tensor([[-1]])))
p(lambda: x.scatter(1, torch.tensor([[3]]), 1.))
p(lambda: x.scatter_add(1, torch.tensor([[3]]), torch.ones(1,1)))
p(lambda: x.index_select(1, torch.tensor([3])))
p(lambda: x.index_add(1, torch.tensor([3]), torch.ones(2,1)))
p(lambda: x.index_fill(1, torch.tensor([3]), 0.))
p(lambda: x.index_copy(1, torch.tensor([3]), torch.ones(2,1)))
p(lambda: torch.arange(6.).topk(-1))
p(lambda: torch.arange(6.).kthvalue(7))

p(lambda: torch.bincount(torch.tensor([True, False])))
p(lambda: torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([1, 1])))
p(lambda: torch.bincount(torch.tensor([[1]])))

p(lambda: torch.meshgrid(torch.tensor([1, 2]), torch.tensor([0.5]), indexing='ij'))
p(lambda: torch.meshgrid(torch.tensor([1, 2]), torch.tensor([True]), indexing='xy'))
p(lambda: torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), 0.5))
p(lambda: torch.tensor([1, 2]).lerp(torch.tensor([3., 4.]), 0.5))
p(lambda: torch.lerp(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([0.5, 0.5])))
p(lambda: torch.lerp(torch.tensor([1., 2.]), torch.tensor([3, 4]), 0.5))
p(lambda: torch.lerp(torch.tensor([1., 2.]), torch.tensor([3., 4.]), 2))
p(lambda: torch.tensor([1, 2]).lerp_(torch.tensor([3, 4]), 0.5))
p(lambda: torch.bincount(torch.tensor([0, 1, 1]), weights=torch.tensor([1., 2., 3.])))
p(lambda: torch.bincount(torch.tensor([0., 1.])))

i = torch.tensor([float('inf')])
p(lambda: torch.allclose(i, i))
p(lambda: torch.allclose(i, -i))
p(lambda: torch.allclose(torch.ones(3), torch.ones(1)))
p(lambda: torch.allclose(torch.ones(3), torch.ones(2)))
p(lambda: torch.allclose(torch.tensor([float('nan')]), torch.tensor([float('nan')])))
p(lambda: torch.allclose(torch.tensor([float('nan')]), torch.tensor([float('nan')]), equal_nan=True))
p(lambda: torch.ones(2).allclose(torch.ones(2) + 1e-6))
p(lambda: torch.allclose(torch.ones(2), torch.ones(2, dtype=torch.long)))

x = torch.arange(1., 7.).reshape(2, 3)
p(lambda: torch.diag_embed(torch.tensor([1., 2.]), offset=1))
p(lambda: torch.diag_embed(torch.tensor([1., 2.]), -1))
p(lambda: torch.diag_embed(x, dim1=0, dim2=2))
p(lambda: torch.diag_embed(x, offset=-1, dim1=2, dim2=0).shape)
p(lambda: torch.diag_embed(x, offset=-1, dim1=2, dim2=0)[:, 1])
p(lambda: torch.diag_embed(x, dim1=1, dim2=1))
p(lambda: torch.diag_embed(x, dim1=3))
p(lambda: x.diag_embed(1, 0, 1))
p(lambda: torch.diag_embed(torch.tensor(2.)))

a = torch.tensor([1., 2.], requires_grad=True)
print(a.t(), a.T, a.t().is_leaf, a.T.is_leaf, a.t().grad_fn.name(), a.T.grad_fn.name())
print(torch.tensor(3., requires_grad=True).t().grad_fn.name())

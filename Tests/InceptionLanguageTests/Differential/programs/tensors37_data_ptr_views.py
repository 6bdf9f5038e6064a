# In-place changes through views reach their base (select, t, diagonal, view, narrow, split,
# chunk, unbind, permute, slices with steps); x.data_ptr() equal where PyTorch's is (views that
# start at the same element, x.data, x.detach()), offsets from it in elements; nbytes, itemsize, is_meta
import torch
x = torch.arange(12.0).reshape(3, 4)
v = x[1]
v.add_(100)
print(x)
t = x.t()
t[0, 2] = -1
print(x)
d = x.diagonal()
d.zero_()
print(x)
f = x.view(-1)
f[::5] = 7
print(x)
n = x.narrow(1, 1, 2)
n.mul_(2)
print(x)
u = x.unsqueeze(0)
u[0, 0, 0] = 42
print(x[0, 0])
e = x[:, :1].expand(3, 3)
print(e)
x[0, 0] = -5
print(e)
s = x.split(2, 1)[1]
s.fill_(0)
print(x)
c = x.chunk(3)[2]
c += 1
print(x)
ub = x.unbind(0)[0]
ub.neg_()
print(x)
fl = x.flatten()
fl[0] = 1000
print(x[0, 0])
r = x.reshape(12)
r[1] = 2000
print(x[0, 1])
p = x.permute(1, 0)
p.sub_(1)
print(x)
m = x.movedim(0, 1)
print(m.is_contiguous(), m.data_ptr() == x.data_ptr())
y = torch.zeros(4)
z = y[1:3]
z.copy_(torch.tensor([5.0, 6.0]))
print(y)
w = y[::2]
w += torch.tensor([1.0, 1.0])
print(y)
y2 = y.clone()
y2[y2 > 1] *= -1
print(y2)
q = torch.arange(6.0).view(2, 3)
qq = q.T.contiguous()
qq[0, 0] = 99
print(q)
x = torch.arange(12.0).reshape(3, 4)
print(x.data_ptr() == x.view(-1).data_ptr(), x.data_ptr() == x[0].data_ptr(), x.data_ptr() == x[1].data_ptr())
print((x[1].data_ptr() - x.data_ptr()) // x.element_size(), (x[:, 2].data_ptr() - x.data_ptr()) // x.element_size())
print(x.detach().data_ptr() == x.data_ptr(), x.data.data_ptr() == x.data_ptr(), x.clone().data_ptr() == x.data_ptr())
print(x.t().data_ptr() == x.data_ptr(), x.contiguous().data_ptr() == x.data_ptr(), x.t().contiguous().data_ptr() == x.data_ptr())
l = torch.arange(6).view(2, 3)
print((l[1].data_ptr() - l.data_ptr()) // l.element_size(), l.reshape(6).data_ptr() == l.data_ptr())
y = x[1:]
print((y[1].data_ptr() - x.data_ptr()) // 4, y.data_ptr() == x[1].data_ptr())
print(x.nbytes, x.itemsize, l.nbytes, l.itemsize, torch.zeros(5, dtype=torch.bool).nbytes, torch.zeros(2, dtype=torch.int32).itemsize)
print(x.is_meta, x.is_sparse, x.is_quantized, x[1:].nbytes)

# torch.as_tensor / asarray give a tensor back as it is when its dtype fits; torch.tensor copies
import torch
t = torch.tensor([1., 2.])
a = torch.as_tensor(t)
print(a is t, torch.as_tensor([1, 2]), torch.as_tensor(3.5), torch.as_tensor([1, 2], dtype=torch.float32))
b = torch.as_tensor(t, dtype=torch.int64)
print(b, b is t)
a[0] = 5.
print(t)
c = torch.tensor(t)
c[1] = 7.
print(t, c, torch.tensor(t, dtype=torch.int64))
print(torch.FloatTensor([1, 2]), torch.LongTensor([1, 2]), torch.FloatTensor(2, 3).shape, torch.IntTensor([3]), torch.BoolTensor([1, 0]))
print(torch.asarray([1.5, 2]), torch.as_tensor(range(3)), torch.tensor([torch.tensor(1), torch.tensor(2.5)]))
print(torch.tensor([[True, False]]).dtype, torch.tensor([]).dtype, torch.as_tensor((1, 2)).dtype)

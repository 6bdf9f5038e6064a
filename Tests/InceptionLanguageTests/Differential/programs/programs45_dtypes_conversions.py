import torch

a = torch.tensor([1, 2, 3])
b = torch.tensor([0.5, 1.5, 2.5])
print(a.dtype, b.dtype, (a + b).dtype, (a * 2).dtype, (a / 2).dtype, (a // 2).dtype, (a > 1).dtype)
print(a.float(), b.long(), b.int(), b.to(torch.int64), a.to(dtype=torch.float32), (b > 1).int(), a.bool())
print(torch.tensor([True, False]).sum(), torch.tensor([True, True]).float().mean(), (a == 2).sum().item())
print(a.type(torch.float32), b.type(), a.type(), a.is_floating_point(), b.is_floating_point())
print(torch.tensor(3) / torch.tensor(2), torch.tensor(7) // torch.tensor(2), torch.tensor(-7) % 3, torch.tensor(7.5) % 2)
print(torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([1, 2]), torch.tensor([1], dtype=torch.int32).dtype)
print(torch.zeros(2, dtype=torch.long), torch.ones(2, dtype=torch.bool), torch.arange(3, dtype=torch.float32))
print(torch.tensor(2.5).round(), torch.tensor([0.5, 1.5, 2.5, -0.5]).round(), torch.tensor([2.7, -2.7]).trunc(), torch.tensor([2.7, -2.7]).long())
print(torch.iinfo(torch.int32).max, torch.finfo(torch.float32).eps, torch.finfo().tiny)
print(a.sum().dtype, b.sum().dtype, a.float().mean().dtype, a.prod(), torch.mean(b))
try:
    a.mean()
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.tensor([1, 2]) * 1.5, torch.tensor([1, 2]) + True, 2 ** torch.tensor([1, 2]), torch.tensor([4, 9]) ** 0.5)
print(torch.tensor([3]).item() / 2, torch.tensor(3.0).item() * 2, torch.tensor([1, 0]).bool().tolist())
print(torch.as_tensor([1.0, 2.0]), torch.as_tensor(3).dtype)
print(torch.int32.is_floating_point, torch.float32.is_floating_point, torch.float32.itemsize, torch.int64.itemsize)
print(torch.result_type(a, b), torch.promote_types(torch.int32, torch.int64), torch.can_cast(torch.float32, torch.int64))

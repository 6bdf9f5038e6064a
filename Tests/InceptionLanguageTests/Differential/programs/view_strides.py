# PyTorch's strides and contiguity of views: x.stride(), x.is_contiguous(), x.storage_offset(),
# x.contiguous(), and view()'s refusal where the strides cannot show the new shape without a
# copy (reshape copies instead): the error attention code meets after transpose(1, 2).
import torch

x = torch.randn(2, 3, 4)
print(x.stride(), x.stride(1), x.stride(-1), x.is_contiguous(), x.storage_offset())
y = x.transpose(0, 2)
print(y.stride(), y.is_contiguous(), y.contiguous().stride(), y.contiguous().is_contiguous())
print(x[:, 1].stride(), x[:, 1].storage_offset(), x[1:, ::2, 1:3].stride(), x[1:, ::2, 1:3].storage_offset())
print(x[None].stride(), x[:, None].stride(), x[..., None].stride(), x[0, None, 1:3].stride())
print(x.unsqueeze(1).stride(), x.permute(2, 0, 1).stride(), x.mT.stride(), x.squeeze().stride())
print(x.expand(5, 2, 3, 4).stride(), torch.ones(3, 1).expand(3, 4).stride())
print(x.view(6, 4).stride(), x.reshape(2, 12).stride(), x.flatten().stride(), x.flatten(1).stride())
print(y.reshape(-1).stride(), y.flatten().is_contiguous())
z = x.permute(0, 2, 1)
print(z.view(2, 4, 3).stride(), z.reshape(8, 3).stride(), z.unsqueeze(0).stride(), z.unsqueeze(3).stride())
print(x.narrow(2, 1, 2).stride(), x.narrow(2, 1, 2).storage_offset(), torch.narrow(x, 0, -1, 1).shape)
print(torch.eye(4).diagonal().stride(), torch.eye(4).diagonal(1).storage_offset())
print([t.stride() for t in x.unbind(1)], [t.storage_offset() for t in x.unbind(2)])
print(torch.arange(10.).unfold(0, 3, 2).stride(), x.split(1, dim=1)[1].storage_offset())
print(x.detach().stride(), x.data.is_contiguous())
print(torch.ones(1, 3, 1, 2).squeeze().stride(), torch.ones(1, 3, 1, 2).squeeze(0).stride(), torch.ones(3, 4)[:, 1].unsqueeze(1).stride())

m = torch.zeros(3, 4)
print(m.t().is_contiguous(), m[:, :2].is_contiguous(), m[:2].is_contiguous(), m[:, 1:2].is_contiguous(), m[1:2, :].stride())
print(torch.zeros(0, 3).t().is_contiguous(), torch.zeros(1, 5).t().is_contiguous(), torch.zeros(3, 1)[:, 0].is_contiguous())

w = torch.randn(2, 3, 4, 5)
print(w.flatten(1, 2).stride(), w.permute(0, 2, 3, 1).flatten(1).stride(), w.permute(0, 2, 3, 1).flatten(2).stride())
print(w.permute(0, 2, 3, 1).reshape(2, -1).is_contiguous(), w.transpose(1, 2).view(2, 4, 3, 5).stride())
print(w.unflatten(1, (3, 1)).stride(), w.permute(1, 0, 2, 3).unflatten(2, (2, 2)).stride())

for attempt in [lambda: x.t() if False else x.transpose(1, 2).view(2, 12),
                lambda: w.permute(0, 2, 3, 1).view(2, -1),
                lambda: x[:, :, 1:3].view(-1),
                lambda: x.expand(2, 2, 3, 4).view(-1),
                lambda: m.t().view(12)]:
    try:
        print(attempt().shape)
    except RuntimeError as err:
        print("RuntimeError:", err)
print(x.transpose(1, 2).reshape(2, 12).shape, x.transpose(1, 2).contiguous().view(2, 12).shape, m[1:].view(8).shape)

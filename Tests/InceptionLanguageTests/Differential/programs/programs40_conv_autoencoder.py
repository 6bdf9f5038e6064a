# A convolutional autoencoder (Conv2d down, ConvTranspose2d up) and the decoder's
# `up(x, output_size=…)`, which picks the output padding (ConvTranspose1d too), with its errors.
import torch
import torch.nn as nn

class ConvAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 4, 3, stride=2, padding=1), nn.ReLU(True),
            nn.Conv2d(4, 8, 3, stride=2, padding=1), nn.ReLU(True))
        self.up1 = nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1)
        self.up2 = nn.ConvTranspose2d(4, 1, 3, stride=2, padding=1)
    def forward(self, x):
        z = self.encoder(x)
        h = torch.relu(self.up1(z, output_size=[x.size(2) // 2, x.size(3) // 2]))
        return torch.sigmoid(self.up2(h, output_size=x.size())), z

m = ConvAE()
print(m)
x = torch.rand(4, 1, 10, 12)
opt = torch.optim.Adam(m.parameters(), lr=1e-2, weight_decay=1e-5)
for e in range(3):
    out, z = m(x)
    loss = nn.functional.binary_cross_entropy(out, x)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"epoch:{e + 1}, loss:{loss.item():.4f}", tuple(z.shape), tuple(out.shape))

ct = nn.ConvTranspose2d(2, 3, kernel_size=4, stride=2, padding=1)
x = torch.randn(1, 2, 5, 5)
for size in [[11, 11], (1, 3, 10, 11), torch.Size([10, 10]), [12, 12], (9, 10), [9], [1, 2, 3], None]:
    try:
        print(size, ct(x, output_size=size).shape)
    except ValueError as e:
        print("ValueError", e)
print(ct(x[0], output_size=[2, 11, 11]).shape, ct(x[0], [11, 10]).shape)
print(torch.equal(ct(x, output_size=[10, 10]), ct(x)))
c1 = nn.ConvTranspose1d(2, 3, 3, stride=3)
print(c1(torch.randn(1, 2, 4), output_size=[12]).shape, c1(torch.randn(2, 4), output_size=[14]).shape)
try:
    c1(torch.randn(1, 2, 4), output_size=[15])
except ValueError as e:
    print("ValueError", e)
y = ct(x, output_size=[11, 11])
y.sum().backward()
print(ct.weight.grad.sum(), ct.bias.grad)

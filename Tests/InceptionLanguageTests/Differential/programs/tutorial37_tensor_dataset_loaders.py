# GAN and autoencoder tutorials hand DataLoader a tensor itself (PyTorch reads any object with
# __len__ and __getitem__ as a map-style dataset: sample i is row t[i]); random_split and Subset
# of a tensor likewise
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, random_split, Subset

real_data = torch.rand(24, 6) * 2 - 1
loader = DataLoader(real_data, batch_size=8, shuffle=True)
print(len(loader), len(loader.dataset))
for batch_idx, real in enumerate(loader):
    print(batch_idx, real.shape, real[0])

gen = nn.Sequential(nn.Linear(3, 8), nn.LeakyReLU(0.01), nn.Linear(8, 6), nn.Tanh())
disc = nn.Sequential(nn.Linear(6, 8), nn.LeakyReLU(0.01), nn.Linear(8, 1), nn.Sigmoid())
opt_disc = torch.optim.Adam(disc.parameters(), lr=3e-4)
opt_gen = torch.optim.Adam(gen.parameters(), lr=3e-4)
criterion = nn.BCELoss()
for epoch in range(2):
    for real in loader:
        noise = torch.randn(real.shape[0], 3)
        fake = gen(noise)
        disc_real = disc(real).view(-1)
        disc_fake = disc(fake.detach()).view(-1)
        lossD = (criterion(disc_real, torch.ones_like(disc_real)) + criterion(disc_fake, torch.zeros_like(disc_fake))) / 2
        disc.zero_grad()
        lossD.backward()
        opt_disc.step()
        output = disc(fake).view(-1)
        lossG = criterion(output, torch.ones_like(output))
        gen.zero_grad()
        lossG.backward()
        opt_gen.step()
    print(f"epoch {epoch} loss D: {lossD:.4f}, loss G: {lossG:.4f}")

ints = torch.arange(10) * 3
print([b.tolist() for b in DataLoader(ints, batch_size=4)])
train, val = random_split(torch.arange(10.), [7, 3])
print(len(train), len(val), [train[i] for i in range(3)], val[0])
print(next(iter(DataLoader(val, batch_size=3))))
print(Subset(torch.arange(12.).view(6, 2), [1, 4])[1])
images = torch.randn(5, 1, 2, 2)
for b in DataLoader(images, batch_size=2, drop_last=True):
    print(b.shape, b.sum().item())

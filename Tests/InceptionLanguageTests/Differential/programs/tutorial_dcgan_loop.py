# The DCGAN tutorial's loop, small: a generator of ConvTranspose2d/BatchNorm2d/ReLU(True) and a
# fully connected one with BatchNorm1d/ReLU(True) (the in-place ReLU writes over the norm's
# output), weights_init by class name, two Adam optimizers, the discriminator fed fake.detach().
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
nz, ngf, ndf, nc = 4, 4, 4, 1

def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)

class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 2, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False),
            nn.Tanh()
        )

    def forward(self, input):
        return self.main(input)

class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, 1, 4, 1, 0, bias=False),
            nn.Sigmoid()
        )

    def forward(self, input):
        return self.main(input)

netG = Generator()
netG.apply(weights_init)
netD = Discriminator()
netD.apply(weights_init)
print(netG)
criterion = nn.BCELoss()
fixed_noise = torch.randn(2, nz, 1, 1)
real_label, fake_label = 1., 0.
optimizerD = optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
data = torch.rand(8, nc, 8, 8) * 2 - 1
G_losses, D_losses = [], []
for epoch in range(2):
    for i in range(0, 8, 4):
        netD.zero_grad()
        real_cpu = data[i:i + 4]
        b_size = real_cpu.size(0)
        label = torch.full((b_size,), real_label, dtype=torch.float)
        output = netD(real_cpu).view(-1)
        errD_real = criterion(output, label)
        errD_real.backward()
        D_x = output.mean().item()
        noise = torch.randn(b_size, nz, 1, 1)
        fake = netG(noise)
        label.fill_(fake_label)
        output = netD(fake.detach()).view(-1)
        errD_fake = criterion(output, label)
        errD_fake.backward()
        D_G_z1 = output.mean().item()
        errD = errD_real + errD_fake
        optimizerD.step()
        netG.zero_grad()
        label.fill_(real_label)
        output = netD(fake).view(-1)
        errG = criterion(output, label)
        errG.backward()
        D_G_z2 = output.mean().item()
        optimizerG.step()
        print('[%d/%d][%d/%d]\tLoss_D: %.4f\tLoss_G: %.4f\tD(x): %.4f\tD(G(z)): %.4f / %.4f'
              % (epoch, 2, i // 4, 2, errD.item(), errG.item(), D_x, D_G_z1, D_G_z2))
        G_losses.append(errG.item())
        D_losses.append(errD.item())
with torch.no_grad():
    fake = netG(fixed_noise).detach().cpu()
print(fake.shape, round(fake.abs().max().item(), 4) <= 1)

# a fully connected generator: Linear -> BatchNorm1d -> ReLU(True)
class MLPGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(nn.Linear(nz, 8), nn.BatchNorm1d(8), nn.ReLU(True), nn.Linear(8, 2))

    def forward(self, z):
        return self.main(z)

g = MLPGenerator()
d = nn.Sequential(nn.Linear(2, 8), nn.LeakyReLU(0.2, inplace=True), nn.Linear(8, 1), nn.Sigmoid())
opt_g = optim.SGD(g.parameters(), lr=0.05, momentum=0.5)
opt_d = optim.SGD(d.parameters(), lr=0.05, momentum=0.5)
real = torch.randn(16, 2) * 0.5 + torch.tensor([2.0, -1.0])
for step in range(4):
    z = torch.randn(16, nz)
    fake = g(z)
    d_loss = criterion(d(real).view(-1), torch.ones(16)) + criterion(d(fake.detach()).view(-1), torch.zeros(16))
    opt_d.zero_grad(); d_loss.backward(); opt_d.step()
    g_loss = criterion(d(fake).view(-1), torch.ones(16))
    opt_g.zero_grad(); g_loss.backward(); opt_g.step()
    print(step, round(d_loss.item(), 4), round(g_loss.item(), 4), fake.grad_fn.name())
print(g.main[1].running_mean)
print(g.main[0].weight.grad.abs().sum() > 0, g.main[1].weight.grad)

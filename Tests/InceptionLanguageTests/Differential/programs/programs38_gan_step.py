import torch
import torch.nn as nn

torch.manual_seed(0)
latent_dim = 8
data_dim = 2

generator = nn.Sequential(
    nn.Linear(latent_dim, 16),
    nn.LeakyReLU(0.2, inplace=True),
    nn.Linear(16, 16),
    nn.BatchNorm1d(16, 0.8),
    nn.LeakyReLU(0.2, inplace=True),
    nn.Linear(16, data_dim),
    nn.Tanh(),
)
discriminator = nn.Sequential(
    nn.Linear(data_dim, 16),
    nn.LeakyReLU(0.2),
    nn.Dropout(0.3),
    nn.Linear(16, 1),
)

def weights_init_normal(m):
    classname = m.__class__.__name__
    if classname.find("Linear") != -1:
        torch.nn.init.normal_(m.weight.data, 0.0, 0.02)
        torch.nn.init.constant_(m.bias.data, 0.0)
    elif classname.find("BatchNorm") != -1:
        torch.nn.init.normal_(m.weight.data, 1.0, 0.02)
        torch.nn.init.constant_(m.bias.data, 0.0)

generator.apply(weights_init_normal)
discriminator.apply(weights_init_normal)
print(generator)

adversarial_loss = nn.BCEWithLogitsLoss()
optimizer_G = torch.optim.Adam(generator.parameters(), lr=2e-3, betas=(0.5, 0.999))
optimizer_D = torch.optim.Adam(discriminator.parameters(), lr=2e-3, betas=(0.5, 0.999))

real_data = torch.randn(64, data_dim) * 0.5 + torch.tensor([1.0, -1.0])
batch_size = 16
G_losses, D_losses = [], []
for epoch in range(3):
    perm = torch.randperm(real_data.size(0))
    for i in range(0, real_data.size(0), batch_size):
        real = real_data[perm[i:i + batch_size]]
        valid = torch.ones(real.size(0), 1, requires_grad=False)
        fake = torch.zeros(real.size(0), 1)

        optimizer_G.zero_grad()
        z = torch.randn(real.shape[0], latent_dim)
        gen = generator(z)
        g_loss = adversarial_loss(discriminator(gen), valid)
        g_loss.backward()
        optimizer_G.step()

        optimizer_D.zero_grad()
        real_loss = adversarial_loss(discriminator(real), valid)
        fake_loss = adversarial_loss(discriminator(gen.detach()), fake)
        d_loss = (real_loss + fake_loss) / 2
        d_loss.backward()
        optimizer_D.step()
        G_losses.append(g_loss.item())
        D_losses.append(d_loss.item())
    print("[Epoch %d/%d] [D loss: %f] [G loss: %f]" % (epoch, 3, d_loss.item(), g_loss.item()))

print(len(G_losses), f"{sum(G_losses) / len(G_losses):.4f}", f"{min(D_losses):.4f}")
generator.eval()
with torch.no_grad():
    samples = generator(torch.randn(5, latent_dim))
print(samples)
print(torch.sigmoid(discriminator(samples)).squeeze(1))
print(gen.requires_grad, gen.detach().requires_grad, gen.grad_fn is not None)

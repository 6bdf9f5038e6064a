import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

class AE(nn.Module):
    def __init__(self, d_in=20, d_hidden=12, d_latent=4):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(d_in, d_hidden), nn.ReLU(), nn.Linear(d_hidden, d_latent))
        self.decoder = nn.Sequential(nn.Linear(d_latent, d_hidden), nn.ReLU(), nn.Linear(d_hidden, d_in), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))

class VAE(nn.Module):
    def __init__(self, input_dim=20, h_dim=16, z_dim=3):
        super(VAE, self).__init__()
        self.fc1 = nn.Linear(input_dim, h_dim)
        self.fc21 = nn.Linear(h_dim, z_dim)
        self.fc22 = nn.Linear(h_dim, z_dim)
        self.fc3 = nn.Linear(z_dim, h_dim)
        self.fc4 = nn.Linear(h_dim, input_dim)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 20))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar

def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 20), reduction='sum')
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD, BCE, KLD

data = torch.rand(32, 20)
ae = AE()
opt = torch.optim.Adam(ae.parameters(), lr=1e-2)
for epoch in range(1, 6):
    recon = ae(data)
    loss = F.mse_loss(recon, data)
    opt.zero_grad(); loss.backward(); opt.step()
    print(f"AE epoch {epoch:02d} mse={loss.item():.5f}")
with torch.no_grad():
    codes = ae.encoder(data)
print("codes", codes.shape, codes.mean(0))

vae = VAE()
optimizer = torch.optim.Adam(vae.parameters(), lr=1e-3)
vae.train()
for epoch in range(1, 4):
    train_loss = 0
    for batch_idx in range(4):
        x = data[batch_idx * 8:(batch_idx + 1) * 8]
        optimizer.zero_grad()
        recon_batch, mu, logvar = vae(x)
        loss, bce, kld = loss_function(recon_batch, x, mu, logvar)
        loss.backward()
        train_loss += loss.item()
        optimizer.step()
    print('====> Epoch: {} Average loss: {:.4f} (last bce {:.3f}, kld {:.3f})'.format(
        epoch, train_loss / len(data), bce.item(), kld.item()))

vae.eval()
with torch.no_grad():
    sample = torch.randn(5, 3)
    sample = vae.decode(sample)
    print(sample.shape)
    print(sample[:2, :5])
    recon, mu, logvar = vae(data[:2])
    print(mu)
    print(logvar.exp().sqrt())

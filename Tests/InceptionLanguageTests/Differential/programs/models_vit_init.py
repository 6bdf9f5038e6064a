# A small ViT: Conv2d patch embedding (stride = patch), cls token and positional embedding as
# nn.Parameter, nn.TransformerEncoder, and timm's init loop: `isinstance(m, nn.Linear)` holds
# for MultiheadAttention's out_proj (a NonDynamicallyQuantizableLinear), so its weight is
# redrawn too; type(m) prints each layer's class as PyTorch names it.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)


class PatchEmbed(nn.Module):
    def __init__(self, img_size=16, patch_size=4, in_chans=3, embed_dim=16):
        super().__init__()
        self.num_patches = (img_size // patch_size) ** 2
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class ViT(nn.Module):
    def __init__(self, num_classes=5, embed_dim=16, depth=2, num_heads=2):
        super().__init__()
        self.patch_embed = PatchEmbed(embed_dim=embed_dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, self.patch_embed.num_patches + 1, embed_dim))
        layer = nn.TransformerEncoderLayer(embed_dim, num_heads, dim_feedforward=32, dropout=0.0,
                                           activation="gelu", batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=depth, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(embed_dim, eps=1e-6)
        self.head = nn.Linear(embed_dim, num_classes)
        nn.init.trunc_normal_(self.pos_embed, std=.02)
        nn.init.trunc_normal_(self.cls_token, std=.02)
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=.02)
            if m.bias is not None:
                nn.init.constant_(m.bias, 0)
        elif isinstance(m, nn.LayerNorm):
            nn.init.constant_(m.bias, 0)
            nn.init.constant_(m.weight, 1.0)

    def forward(self, x):
        x = self.patch_embed(x)
        x = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1)
        x = self.encoder(x + self.pos_embed)
        return self.head(self.norm(x)[:, 0])


model = ViT()
for name, m in model.named_modules():
    if name:
        print(name, type(m), isinstance(m, nn.Linear))
print(isinstance(nn.ReLU6(), nn.Hardtanh), isinstance(nn.ReLU(), nn.Hardtanh), isinstance(nn.Linear(2, 2), nn.Linear))
print(type(nn.MSELoss()), type(nn.SiLU()), type(nn.ConvTranspose2d(1, 1, 1)), type(nn.GRU(2, 2)))
print(model.encoder.layers[0].self_attn.out_proj.weight.std())
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
x = torch.randn(2, 3, 16, 16)
out = model(x)
print(out)
loss = F.cross_entropy(out, torch.tensor([1, 4]))
loss.backward()
print(loss.item(), model.cls_token.grad.norm(), model.pos_embed.grad.norm())
torch.optim.AdamW(model.parameters(), lr=1e-3).step()
model.eval()
with torch.no_grad():
    print(model(x))

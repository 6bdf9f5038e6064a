# nn.Transformer: PyTorch's init draws (Xavier over every matrix), state_dict names, masks, SGD steps, eval, batch_first with norm_first, its two shape errors, custom_encoder and deepcopy, its repr
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Transformer(d_model=16, nhead=4, num_encoder_layers=2, num_decoder_layers=2, dim_feedforward=32, dropout=0.1)
print(model.d_model, model.nhead, model.batch_first)
print(sum(p.numel() for p in model.parameters()), len(model.state_dict()))
print(list(model.state_dict().keys())[:6], list(model.state_dict().keys())[-3:])
print(model.encoder.layers[0].self_attn.in_proj_weight[0, :4])
print(model.decoder.layers[1].linear1.weight[0, :4])
src = torch.randn(7, 3, 16)
tgt = torch.randn(5, 3, 16)
mask = model.generate_square_subsequent_mask(5)
out = model(src, tgt, tgt_mask=mask)
print(out.shape, out[0, 0, :5])
target = torch.randn(5, 3, 16)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(src, tgt, tgt_mask=mask), target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))
model.eval()
with torch.no_grad():
    print(model(src, tgt)[4, 2, :4])
bf = nn.Transformer(d_model=8, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=8, batch_first=True, norm_first=True)
print(bf(torch.randn(2, 3, 8), torch.randn(2, 4, 8)).shape)
try:
    bf(torch.randn(2, 3, 8), torch.randn(3, 4, 8))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    bf(torch.randn(2, 3, 8), torch.randn(2, 4, 6))
except RuntimeError as e:
    print("RuntimeError:", e)
print(model)
import copy
twin = copy.deepcopy(bf)
print(torch.equal(twin.decoder.layers[0].linear2.weight, bf.decoder.layers[0].linear2.weight), twin is bf)
class Doubling(nn.Module):
    def forward(self, src, mask=None, src_key_padding_mask=None, is_causal=None):
        return 2 * src
own = nn.Transformer(d_model=8, nhead=2, num_decoder_layers=1, dim_feedforward=8, custom_encoder=Doubling(), activation=nn.GELU())
# PyTorch's own quirk: a deep copy of a decoder layer runs F.relu when its activation is a module
print(own.encoder, own.decoder.layers[0].activation.__name__)
layer = nn.TransformerDecoderLayer(4, 1, 4, 0.0, activation=nn.GELU())
copied = copy.deepcopy(layer)
print(layer.activation, copied.activation.__name__)
print(copied)
x = torch.randn(3, 1, 4)
print(torch.equal(layer(x, x), copied(x, x)), layer(x, x)[0], copied(x, x)[0])
print(own(torch.randn(3, 1, 8), torch.randn(2, 1, 8))[:, 0, :3])

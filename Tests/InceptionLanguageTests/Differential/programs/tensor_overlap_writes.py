# in-place writes that read what they write (PyTorch's partial-overlap error) and writes into expanded tensors
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

def a():
    x = torch.arange(6.); x[1:] += x[:-1]; return x
def b():
    y = torch.arange(6.); y[1:] = y[:-1]; return y
def c():
    u = torch.arange(9.).reshape(3,3); u.t().add_(u); return u
def d():
    w = torch.arange(4.).reshape(2,2); w.copy_(w.t()); return w
def e():
    v = torch.arange(6.); v[:3] = v[3:]; return v
def f():
    v = torch.arange(6.); v[::2] += v[1::2]; return v
def g():
    v = torch.arange(6.); v[::2] = v[::-1][::2] if False else v[:3]; return v
def h():
    v = torch.arange(6.); v += v; return v
def i():
    v = torch.arange(6.); v.add_(v); return v
def j():
    v = torch.arange(6.); v[:] = v; return v
def k():
    u = torch.arange(9.).reshape(3,3); u += u.t(); return u
def l():
    u = torch.arange(9.).reshape(3,3); u[0] = u[1]; return u
def m():
    u = torch.arange(9.).reshape(3,3); u[:, 0] = u[:, 1]; return u
def n():
    u = torch.arange(9.).reshape(3,3); u[:2] = u[1:]; return u
def o():
    v = torch.arange(6.); v[1:].mul_(v[:-1]); return v
def q():
    v = torch.arange(6.); v[1:].copy_(v[:-1]); return v
def r():
    v = torch.arange(6.); v[1:4] = v[2:5]; return v
def s():
    u = torch.arange(9.).reshape(3,3); u[:, 1:] = u[:, :2]; return u
def t():
    v = torch.arange(6.); torch.add(v[1:], v[:-1], out=v[:-1]); return v
def w():
    v = torch.arange(6.); v[1:].clamp_(min=v[:-1]); return v
def z():
    v = torch.arange(6.); v[1:] -= v[:-1]; return v
def z2():
    v = torch.arange(6.); v[1:] *= 2; return v
def z3():
    u = torch.arange(9.).reshape(3,3); u.t().copy_(u.t()); return u
for fn in [a, b, c, d, e, f, h, i, j, k, l, m, n, o, q, r, t, w, z, z2, z3]:
    print(fn.__name__, end=": "); p(fn)

def v2_a():
    x = torch.arange(6.); x[torch.tensor([1,2])] = x[:2]; return x
def v2_b():
    x = torch.arange(6.); x[0:3] += x[0]; return x
def v2_c():
    x = torch.arange(6.); x[1:] = x[0]; return x
def v2_d():
    x = torch.arange(6.); x[0:3] = x[0]; return x
def v2_e():
    x = torch.arange(6.); x[torch.tensor([True,True,False,False,False,False])] = x[1:3]; return x
def v2_f():
    x = torch.arange(6.).reshape(2,3); x[0] = x[0]; return x
def v2_g():
    x = torch.arange(6.).reshape(2,3); x[0] += x[0]; return x
def v2_h():
    x = torch.arange(6.); x.data[1:] += x[:-1]; return x
def v2_i():
    x = torch.arange(6.); y = x[1:]; y.add_(x[:-1]); return x
def v2_j():
    x = torch.arange(6.); x[2:4] = x[:2].clone(); return x
def v2_k():
    x = torch.arange(6.); x[1:3].fill_(x[0]); return x
for fn in [v2_a, v2_b, v2_c, v2_d, v2_e, v2_f, v2_g, v2_h, v2_i, v2_j, v2_k]:
    print(fn.__name__, end=": "); p(fn)

def mk():
    a = torch.tensor([1., 2., 3.]); return a, a.expand(2, 3)
def a_():
    a, e = mk(); e[0, 0] = 5; return a, e
def b_():
    a, e = mk(); e.fill_(0); return a
def c_():
    a, e = mk(); e.zero_(); return a
def d_():
    a, e = mk(); e[0] = torch.tensor([7., 8., 9.]); return a
def f_():
    a, e = mk(); e[:, 0] = 5; return a
def g_():
    a, e = mk(); e[:, 0] = torch.tensor([1., 2.]); return a
def h_():
    a, e = mk(); e.add_(1); return a
def i_():
    a, e = mk(); e[1] += 1; return a
def j_():
    a, e = mk(); e += 1; return a
def k_():
    a, e = mk(); e[0, 1:] = 0; return a, e
def l_():
    a, e = mk(); e[0].mul_(2); return a
def m_():
    a = torch.tensor([[1.], [2.]]); e = a.expand(2, 3); e[1, 2] = 7; return a, e
def n_():
    a, e = mk(); e.copy_(torch.ones(2,3)); return a
def o_():
    a, e = mk(); e[0][1] = 9; return a
def q_():
    a, e = mk(); e.masked_fill_(torch.tensor([True, False, False]), 0); return a
def r_():
    a, e = mk(); e[e > 1] = 0; return a
for fn in [a_,b_,c_,d_,f_,g_,h_,i_,j_,k_,l_,m_,n_,o_,q_,r_]:
    print(fn.__name__, end=": "); p(fn)


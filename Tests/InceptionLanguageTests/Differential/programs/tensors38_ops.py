import torch
# matmul refusals in the order of the kernel PyTorch reaches (dot, mv, mm, bmm), shifts and addcmul/addcdiv on ints and bools
B, L, F, I = torch.bool, torch.long, torch.float, torch.int
cases = [((3,4),L,(4,),F),((3,4),F,(4,),L),((3,4),B,(4,),L),((3,4),L,(4,),B),((3,4),L,(3,),F),((3,4),I,(4,),L),((2,3,4),F,(4,),L),((2,3,4),B,(4,),L),((2,3,4),L,(4,),B),
((3,4),L,(3,5),F),((3,4),B,(4,5),L),((3,4),L,(4,5),B),((4,),L,(4,5),F),((4,),L,(3,5),F),((4,),B,(4,5),L),((2,3,4),B,(4,5),L),((2,3,4),B,(4,5),B),
((4,),L,(4,),F),((4,),L,(3,),F),((4,),B,(4,),L),((2,3,4),B,(3,5),B),((1,3),B,(2,3,4),B),((1,3),B,(3,3,4),L),((3,2,3,4),B,(2,4,5),B)]
for a, da, b, db in cases:
    x = torch.ones(a, dtype=da); y = torch.ones(b, dtype=db)
    try: r = torch.matmul(x, y); print(a, da, b, db, r.shape, r.dtype)
    except Exception as e: print(a, da, b, db, type(e).__name__, str(e).splitlines()[0])

cases = [((2,3,4),B,(4,),B), ((2,3,4),B,(3,),B), ((2,3,4),L,(4,),F),((2,3,4),L,(3,),F), ((4,),B,(2,4,3),B),((4,),L,(2,4,3),F),((3,),B,(2,4,3),B),
 ((2,3,4),L,(4,5),F), ((2,3,4),L,(3,5),F), ((2,3,4),F,(2,4,5),L), ((2,3,4),B,(2,4,5),L), ((2,3,4),L,(2,4,5),B), ((2,3,4),B,(2,3,5),L),
 ((2,3),B,(2,3,4),L),((3,4),L,(2,4,5),F),((3,4),F,(2,4,5),L),((3,4),B,(2,4,5),F),((3,4),I,(2,4,5),L),((2,3,4),I,(2,4,5),L),((2,3,4),L,(2,4,5),I),
 ((2,3,4),F,(2,4,5),B), ((3,2,3,4),B,(2,4,5),B),((3,1,3,4),L,(2,4,5),F),((3,3,3,4),L,(2,4,5),F),((3,3,3,4),B,(2,4,5),B),((2,3,4),I,(2,4,5),I),((2,3),I,(3,4),I)]
for a, da, b, db in cases:
    x = torch.ones(a, dtype=da); y = torch.ones(b, dtype=db)
    try: r = torch.matmul(x, y); print(a, da, b, db, r.shape, r.dtype)
    except Exception as e: print(a, da, b, db, type(e).__name__, str(e).splitlines()[0])
b = torch.tensor([True, False]); i = torch.tensor([1, 2]); f = torch.tensor([1.5, 2.0]); i32 = torch.tensor([1, 2], dtype=torch.int32)
for name, g in [("b<<b", lambda: b << b), ("b>>i", lambda: b >> i), ("i>>b", lambda: i >> b), ("b<<1", lambda: b << 1), ("i<<f", lambda: i << f), ("f<<i", lambda: f << i),
                ("1<<b", lambda: 1 << b), ("b>>True", lambda: b >> True), ("i32<<i", lambda: i32 << i), ("addcmul int 0.5", lambda: torch.addcmul(i, i, i, value=0.5)),
                ("addcmul bool", lambda: torch.addcmul(b, b, b, value=0.5)), ("addcmul int 2", lambda: torch.addcmul(i, i, i, value=2)), ("addcmul f i", lambda: torch.addcmul(f, i, i, value=0.5)),
                ("addcdiv int", lambda: torch.addcdiv(i, i, i)), ("addcdiv f", lambda: torch.addcdiv(f, i, i)), ("bitand b", lambda: torch.bitwise_and(b, b)), ("i<<-1", lambda: i << -1), ("i>>70", lambda: i >> 70)]:
    try: print(name, g())
    except Exception as e: print(name, type(e).__name__, str(e).splitlines()[0])
# select_scatter, slice_scatter, diagonal_scatter; einsum on integer, bool and mixed tensors; take_along_dim on a 0-d tensor
def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "raises", type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        return
    print(label, r)
x = torch.zeros(2, 3)
show("sel bad", lambda: torch.select_scatter(x, torch.ones(2), 0, 0))
show("sel dim1", lambda: torch.select_scatter(x, torch.ones(2), 1, -1))
show("sel idx", lambda: torch.select_scatter(x, torch.ones(3), 0, 5))
show("sel dim", lambda: torch.select_scatter(x, torch.ones(3), 2, 0))
show("sel int", lambda: torch.select_scatter(x, torch.ones(3, dtype=torch.long), 0, 0))
show("sl bad", lambda: torch.slice_scatter(x, torch.ones(1, 3), 0, 0, 2))
show("sl neg", lambda: torch.slice_scatter(x, torch.ones(2, 1), 1, -1))
show("sl step", lambda: x.slice_scatter(torch.ones(2, 2), dim=1, step=2))
show("dg bad", lambda: torch.diagonal_scatter(x, torch.ones(3)))
show("dg", lambda: torch.diagonal_scatter(x, torch.ones(2)))
show("dg -1", lambda: x.diagonal_scatter(torch.ones(1), -1))
w = torch.zeros(2, 3, requires_grad=True)
show("sel grad", lambda: torch.select_scatter(w, torch.ones(3), 0, 1))
show("sl grad", lambda: torch.slice_scatter(w * 2, torch.ones(2, 1), 1, 1, 2))
a = torch.arange(6).reshape(2, 3); b = torch.arange(12).reshape(3, 4)
show("fl", lambda: torch.einsum('ij,jk->ik', a.float(), b))
show("3ops", lambda: torch.einsum('ij,jk,k->i', a, b, torch.ones(4)))
show("i32", lambda: torch.einsum('ij,jk->ik', a.int(), b.int()))
show("i32l", lambda: torch.einsum('ij,jk->ik', a.int(), b))
show("sum", lambda: torch.einsum('ij->', a))
show("sumb", lambda: torch.einsum('ij->', a > 2))
show("diagb", lambda: torch.einsum('ii->i', torch.eye(3) > 0))
show("outer", lambda: torch.einsum('i,j->ij', torch.arange(3), torch.arange(2)))
show("mulb", lambda: torch.einsum('i,i->i', torch.tensor([True, False]), torch.tensor([True, True])))
show("mulbl", lambda: torch.einsum('i,i->i', torch.tensor([True, False]), torch.tensor([1, 2])))
show("1op i32", lambda: torch.einsum('ij->j', a.int()))
show("1op i32 dt", lambda: torch.einsum('ij->j', a.int()).dtype)
show("ellipsis", lambda: torch.einsum('...ij,...jk->...ik', torch.arange(12).reshape(2,2,3), b))
x = torch.tensor(1.5)
for f in [lambda: torch.take_along_dim(x, x.argsort(0), 0), lambda: torch.take_along_dim(x, torch.tensor(0), -1), lambda: torch.take_along_dim(x, torch.tensor(0)),
          lambda: torch.take_along_dim(x, torch.tensor(0), 1), lambda: x.gather(0, torch.tensor(0)), lambda: torch.take_along_dim(torch.ones(2), torch.tensor(0), 0)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)

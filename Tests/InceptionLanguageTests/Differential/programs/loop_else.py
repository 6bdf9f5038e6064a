# for … else and while … else: the else block runs when the loop ends without break
for i in range(3):
    if i == 5:
        break
else:
    print("no break", i)
for i in range(3):
    for j in range(2):
        if j == 1:
            break
else:
    print("outer finished though inner broke")
n = 0
while n < 10:
    n += 1
    if n == 4:
        break
else:
    print("not printed")
print(n)
def find(xs, v):
    for i, x in enumerate(xs):
        if x == v:
            return i
    else:
        return -1
print(find([1, 2], 2), find([1, 2], 7))
for x in []:
    pass
else:
    print("empty else")

# argparse as an example script uses it: defaults from parse_args([]), a list read as a command line,
# store_true/false, choices, nargs, dest; a bad list is a SystemExit.
import argparse
parser = argparse.ArgumentParser(description="Train Inception V1 on the built-in shapes")
parser.add_argument("--lr", type=float, default=0.01, help="learning rate")
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--batch-size", type=int, default="8")
parser.add_argument("--aux", action="store_true")
parser.add_argument("--no-bn", dest="batchnorm", action="store_false")
parser.add_argument("--schedule", choices=["paper", "cosine", "constant"], default="paper")
parser.add_argument("--sizes", type=int, nargs="+", default=[224])
args = parser.parse_args([])
print(args, args.lr * 2, args.batch_size)
args = parser.parse_args(["--lr", "0.1", "--epochs=5", "--aux", "--no-bn", "--sizes", "96", "128", "--schedule", "cosine"])
print(args)
args.lr = 0.5
print(args.lr, vars(args) if False else args.__dict__)
for bad in [["--epochs", "x"], ["--schedule", "fast"], ["--nope"]]:
    try:
        parser.parse_args(bad)
    except SystemExit:
        print("SystemExit")
    except Exception as e:
        print(type(e).__name__)
p2 = argparse.ArgumentParser()
p2.add_argument("data")
p2.add_argument("-k", "--top-k", type=int, default=5)
print(p2.parse_args(["folder", "-k", "3"]))
parse = argparse.ArgumentParser().parse_args      # the method outlives its parser
print(parse([]))

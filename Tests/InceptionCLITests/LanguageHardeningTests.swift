import Foundation
import TestSupport
import XCTest

/// The PyTorch functions and autograd added after the first hardening pass (issue #17): sizes
/// a learner types are checked against the memory budget and for overflow, deep graphs are
/// run and freed without recursion, and deep comprehensions and lambdas stop at the limits.
/// Each case runs in the built binary and ends in one line (exit 70), never a crash.
final class LanguageHardeningTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try InceptionBinary.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `source` with `inception run` under a 1 MiB budget; returns (status, first stderr line, stdout).
    func script(_ source: String, budget: String = "1M", file: StaticString = #filePath, line: UInt = #line) throws -> (Int32, String, String) {
        let path = dir + "/script.inc"
        try ("import torch\n" + source + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try InceptionBinary.run(["run", path], environment: ["XDG_STATE_HOME": dir, "INCEPTION_MEMORY_BUDGET": budget], currentDirectory: dir)
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Backtracing") || r.stderr.contains("crashed"),
                       "crashed:\n\(r.stderr.prefix(2000))", file: file, line: line)
        return (r.status, r.stderr.split(separator: "\n").first.map(String.init) ?? "", r.stdout)
    }

    func assertError(_ source: String, _ message: String, budget: String = "1M", file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, first, _) = try script(source, budget: budget, file: file, line: line)
        XCTAssertEqual(status, 70, first, file: file, line: line)
        XCTAssertTrue(first.hasSuffix("error: " + message), "got: \(first.prefix(600))", file: file, line: line)
    }

    static let budget = "; the memory budget is 1 MiB (set INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)"

    func testTorchFactoriesCheckTheBudget() throws {
        try assertError("y = torch.full((10**5, 10**5), 1.0)", "full() (100000×100000) needs 37.3 GiB" + Self.budget)
        try assertError("y = torch.linspace(0, 1, 10**9)", "linspace() (1000000000) needs 3.7 GiB" + Self.budget)
        try assertError("y = torch.arange(10**6)", "arange() (1000000) needs 3.8 MiB" + Self.budget)
        try assertError("y = torch.ones(10**5, 10**5, dtype=torch.int64)", "ones() (100000×100000) needs 37.3 GiB" + Self.budget)
        try assertError("y = torch.zeros((10**5, 10**5), dtype=torch.float64)", "zeros() (100000×100000) needs 37.3 GiB" + Self.budget)
        try assertError("x = torch.ones(2, 3)\ny = x.repeat(10**5, 10**5)", "repeat() (200000×300000) needs 223.5 GiB" + Self.budget)
        try assertError("y = torch.ones(2).unsqueeze(0).expand(10**6, 2)", "the broadcast result (1000000×2) needs 7.6 MiB" + Self.budget)
        try assertError("y = torch.ones(10**4, 1) + torch.ones(1, 10**4)", "the broadcast result (10000×10000) needs 381.5 MiB" + Self.budget)
        try assertError("y = torch.cat([torch.ones(200, 200)] * 10)", "torch.cat()'s result (2000×200) needs 1.5 MiB" + Self.budget)
        try assertError("y = torch.stack([torch.ones(200, 200)] * 10)", "torch.stack()'s result (10×200×200) needs 1.5 MiB" + Self.budget)
        try assertError("y = torch.nn.Linear(10**5, 10**5)", "Linear's weight (100000×100000) needs 37.3 GiB" + Self.budget)
        try assertError("y = torch.nn.Conv2d(10**4, 10**4, 100)", "Conv2d's weight (10000×10000×100×100) needs 3.6 TiB" + Self.budget)
        try assertError("y = torch.tensor([[0.0] * 3000] * 3000)", "tensor() (3000×3000) needs 34.3 MiB" + Self.budget)
        try assertError("y = tensor([[0.0] * 3000] * 3000)", "tensor() (3000×3000) needs 34.3 MiB" + Self.budget)
        try assertError("y = torch.nn.BatchNorm2d(10**9)", "BatchNorm2d's weight, bias and running statistics (4×1000000000) needs 14.9 GiB" + Self.budget)
    }

    func testShapeArithmeticNeverOverflows() throws {
        try assertError("y = torch.full((2**40, 2**40), 1.0)", "integer overflow: the shape 1099511627776×1099511627776 of full() has more than 2^63 values")
        try assertError("y = torch.ones(2, 3).repeat(2**40, 2**40)", "integer overflow: the shape 2199023255552×3298534883328 of repeat() has more than 2^63 values")
        try assertError("y = torch.nn.Linear(2**40, 2**40)", "integer overflow: the shape 1099511627776×1099511627776 of Linear's weight has more than 2^63 values")
        try assertError("y = torch.nn.Conv2d(3, 3, 2**32)", "integer overflow: the shape 3×3×4294967296×4294967296 of Conv2d's weight has more than 2^63 values")
        // found by the mutation campaign of 2026-12-05 (a crash: the planes × plane product overflowed)
        try assertError("x, i = F.max_pool2d(torch.ones(1, 1, 4, 4), 2, return_indices=True)\ny = F.max_unpool2d(x, i, 10**9)",
                        "max_unpool2d's output (1×1×2000000000×2000000000) needs more than 8 EiB" + Self.budget)
        try assertError("x, i = F.max_pool2d(torch.ones(1, 1, 4, 4), 2, return_indices=True)\ny = F.max_unpool2d(x, i, 2**40)",
                        "integer overflow: the shape 1×1×2199023255552×2199023255552 of max_unpool2d's output has more than 2^63 values")
        // an empty tensor whose strides overflow (found by bench/weights_fuzz.py: a trap in .stride()); PyTorch's text
        try assertError("y = torch.zeros(0, 2**62, 2**62)", "Stride calculation overflowed")
        try assertError("y = torch.empty(0, 2**31, 2**31, 4)", "Stride calculation overflowed")
        try assertError("y = torch.full((-1, 2), 1.0)", "Trying to create tensor with negative dimension -1: [-1, 2]")      // PyTorch's text
        try assertError("y = torch.ones(1).repeat(-1)", "Trying to create tensor with negative dimension -1: [-1]")
        try assertError("y = torch.ones(1, 3).expand(-1, -1, -1)", "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0")
        try assertError("y = torch.ones(1, 3).expand(-5, 3)", "expand(): negative size -5 in [-5, 3]")
        try assertError("y = torch.arange(float('inf'))", "unsupported range: 0 -> inf")      // PyTorch's text
        let (status, _, out) = try script("print(torch.arange(9).reshape(3, 3)[::2**62], torch.arange(5)[1::2**62].shape)")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(out, "tensor([[0, 1, 2]]) torch.Size([1])\n")
    }

    /// Autograd.backward is iterative; freeing a long chain of recorded operations used to
    /// recurse once per operation (Tensor → GradNode → input Tensor → …) and overflow the stack.
    func testLongAutogradChainsRunBackwardAndAreFreedWithoutRecursion() throws {
        let (status, first, out) = try script("""
            x = torch.tensor([1.0], requires_grad=True)
            y = x
            for i in range(10000):
                y = y + 1
            y.sum().backward()
            print(x.grad, y.item())
            z = x
            for i in range(100000):
                z = z * 1.0
            z = None
            w = x
            for i in range(100000):
                w = w + x
            w = None
            print("released")
            """, budget: "8G")
        XCTAssertEqual(status, 0, first)
        XCTAssertEqual(out, "tensor([1.]) 10001.0\nreleased\n")
    }

    /// Found by the mutation campaign: a comprehension of 2 billion pairs grew until the
    /// machine ran out of memory. Growing lists are checked every 65,536 items.
    func testGrowingListsKeepTheValueBudget() throws {
        let limit = "; one list or string may take at most 128 KiB, an eighth of the memory budget (set INCEPTION_MEMORY_BUDGET, e.g. INCEPTION_MEMORY_BUDGET=16G, to change it)"
        try assertError("pairs = [(i, j) for i in range(65536) for j in range(i)]", "a list comprehension of more than 65536 items needs 1.5 MiB" + limit)
        try assertError("x = []\nwhile True:\n    x.append(1)", "a list of more than 65536 items needs 1.5 MiB" + limit)
        try assertError("x = [1]\nfor i in range(40):\n    x.extend(x)", "a list of more than 8192 items needs 192 KiB" + limit)
    }

    /// Found by the Interpreter fuzzer (ASan: heap-buffer-overflow): copy_ from a source that
    /// does not broadcast to the destination wrote the source's 12 values into a 3×1 weight.
    func testCopyIntoATensorOfAnotherShapeIsRefused() throws {
        try assertError("lin = torch.nn.Linear(1, 3)\nwith torch.no_grad():\n    lin.weight.copy_(torch.arange(12.0).reshape(3, 4))",
                        "copy_(): the source's shape 3×4 does not broadcast to the destination's shape 3×1")
        let (status, _, out) = try script("x = torch.zeros(2, 3)\nx.copy_(torch.arange(3.0))\nprint(x)")
        XCTAssertEqual(status, 0)
        XCTAssertEqual(out, "tensor([[0., 1., 2.],\n        [0., 1., 2.]])\n")
    }

    /// Found by the mutation campaign (release binary, SIGILL): output_shape with an input whose
    /// size overflows made a shape-only tensor of more than 2^63 values.
    func testOutputShapeOfAnOverflowingInputIsAnError() throws {
        try assertError("print(output_shape(reference(), (1, 3, 160, 2**62)))",
                        "integer overflow: the shape 1×3×160×4611686018427387904 of the input has more than 2^63 values", budget: "8G")
        try assertError("print(output_shape(reference(), (1, 3, 2**30, 2**30)))",
                        "integer overflow: the shape 1×64×536870912×536870912 of the output of Conv2d has more than 2^63 values", budget: "8G")
    }

    /// Found by a learner probe (segfault): output_shape of a block whose forward masks its input
    /// (masked_fill, torch.where) read the values a shape-only tensor does not have.
    func testOutputShapeThroughMaskingOperations() throws {
        let block = "class B(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(3, 4, 3)\n"
        for forward in ["self.c(x.masked_fill(x < 0, 0))", "self.c(torch.where(x > 0, x, torch.zeros_like(x)))"] {
            let (status, _, out) = try script(block + "    def forward(self, x):\n        return \(forward)\nprint(output_shape(B(), (4, 3, 512, 512)))", budget: "1G")
            XCTAssertEqual(status, 0, forward)
            XCTAssertEqual(out, "torch.Size([4, 4, 510, 510])\n", forward)
        }
    }

    /// Found by the Values fuzzer (ASan: stack-overflow): a list cleared, an item or a dict value
    /// replaced, an item or a slice deleted or assigned released a 200,000-deep nest it held recursively.
    func testDeepNestsDroppedFromListsAndDictsAreFreedWithoutRecursion() throws {
        let nest = "t = ()\nfor i in range(200000):\n    t = (t,)\n"
        let drops = ["l = [t]\nt = 0\nl.clear()", "l = [1, t]\nt = 0\nl[1] = 5", "d = {'a': t}\nt = 0\nd['a'] = 1",
                     "d = {'a': t}\nt = 0\nd.clear()", "d = {'a': t}\nt = 0\ndel d['a']", "l = [1, t, 2]\nt = 0\ndel l[1:2]", "l = [1, t, 2]\nt = 0\nl[0:2] = []",
                     "l = [t, 1, 2]\nt = 0\nl[::2] = [7, 8]", "l = [1, t]\nt = 0\ndel l[1]"]
        for drop in drops {
            let (status, _, out) = try script(nest + drop + "\nprint('freed')")
            XCTAssertEqual(status, 0, drop)
            XCTAssertEqual(out, "freed\n", drop)
        }
    }

    func testDeeplyNestedListsAreRefusedByTensor() throws {
        for f in ["torch.tensor", "tensor"] {
            try assertError("x = 1\nfor i in range(100000):\n    x = [x]\ny = \(f)(x)", "tensor(): the lists nest more than 64 deep; a tensor has at most 64 dimensions")
        }
    }

    func testComprehensionsAndLambdasKeepTheDepthLimits() throws {
        let chain = Array(repeating: "1", count: 3000).joined(separator: " + ")
        for source in ["x = [\(chain) for i in range(2)]", "x = {0: \(chain) for i in range(1)}",
                       "x = [i for i in range(3) if " + Array(repeating: "i", count: 3000).joined(separator: " and ") + "]",
                       "f = [lambda: \(chain)]"] {
            let (status, first, _) = try script(source)
            XCTAssertEqual(status, 65, first)
            XCTAssertTrue(first.hasSuffix("error: this expression is more than 500 levels deep (a long chain like 1 + 1 + … nests one level per operator)"), first)
        }
        let (status, first, _) = try script("x = " + String(repeating: "[y for y in ", count: 1000) + "[1]" + String(repeating: "]", count: 1000))
        XCTAssertEqual(status, 65)
        XCTAssertTrue(first.hasSuffix("error: too deeply nested: more than 200 levels of brackets, operators or blocks"), first)
        // the program's large stack holds Python's 1000 calls: the recursion limit stops this one, as Python's does
        try assertError("f = lambda n: f(n - 1) if n else 0\nprint(f(100000))", "maximum recursion depth exceeded")
        // and a long chain inside a lambda evaluates (CPython refuses it when compiling), without a crash
        let (chainStatus, _, printed) = try script("g = lambda: \(chain)\nprint(g())")
        XCTAssertEqual(chainStatus, 0)
        XCTAssertEqual(printed, "3000\n")
    }

    /// Reading `.grad` of a computed tensor warns once on standard error, as PyTorch's UserWarning
    /// does; create_graph=True is a refusal that no `except RuntimeError` swallows; detach_() of a
    /// computed tensor a recorded operation already read is refused by name.
    func testAutogradWarnsOnceAndRefusesWhatItCannotRecord() throws {
        let path = dir + "/grad.inc"
        try """
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        y.sum().backward()
        print(y.grad, y.grad, x.grad)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try InceptionBinary.run(["run", path], environment: ["XDG_STATE_HOME": dir], currentDirectory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "None None tensor([3., 3.])\n")
        XCTAssertEqual(r.stderr, "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information.\n")
        try assertError("x = torch.ones(2, requires_grad=True)\ntry:\n    torch.autograd.grad((x ** 3).sum(), x, create_graph=True)\nexcept RuntimeError:\n    print('caught')",
                        "torch.autograd.grad(create_graph=True) is not supported here: gradients of gradients are not recorded")
        try assertError("x = torch.ones(2, requires_grad=True)\ny = x * 3\nz = y * 2\ntry:\n    y.detach_()\nexcept RuntimeError:\n    print('caught')",
                        "detach_() on a tensor that a recorded operation has already used is not supported here: the graph reads it as it is")
    }
}

import Foundation
import TestSupport
import XCTest

/// A module that holds itself (`s.append(s)`, `self.l.append(self)`) is built as PyTorch lets
/// it be; the walks over it end or raise a catchable RecursionError, never a crash.
extension LanguageHardeningTests {
    func testAModuleInsideItselfNeverCrashes() throws {
        let (status, first, out) = try script("""
        import torch.nn as nn
        s = nn.Sequential(nn.Linear(2, 2))
        s.append(s)
        t = nn.Sequential(nn.ReLU())
        t.add_module("me", t)
        print(len(list(s.modules())), len(list(s.parameters())), [n for n, _ in t.named_modules()])
        for fn in [lambda: print(s), lambda: s.state_dict(), lambda: s.train(), lambda: s.apply(print), lambda: s(torch.ones(1, 2))]:
            try:
                fn()
            except RecursionError:
                print("RecursionError")
        s(torch.ones(1, 2))
        """)
        XCTAssertEqual(out, "2 2 ['', '0']\n" + String(repeating: "RecursionError\n", count: 5))
        XCTAssertEqual(status, 70, first)
        XCTAssertTrue(first.contains("error: maximum recursion depth exceeded: module calls nested 200 deep, at "), first)
    }

    func testAClassHoldingItselfRaisesRecursionErrorWhenCalled() throws {
        let (status, first, out) = try script("""
        import torch.nn as nn
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.l = nn.ModuleList([nn.ReLU()])
                self.l.append(self)
            def forward(self, x):
                for m in self.l:
                    x = m(x)
                return x
        n = Net()
        print([k for k, _ in n.named_modules()])
        print(n)
        """)
        XCTAssertEqual(out, "['', 'l', 'l.0']\n")
        XCTAssertEqual(status, 70, first)
        XCTAssertTrue(first.contains("error: maximum recursion depth exceeded while getting the str of an object: Net holds itself"), first)
    }

    /// A class's __repr__ that calls repr(self) ends at the recursion limit: the check for a module
    /// holding itself asks whether the class has a __repr__ without running it (it ran it, so each
    /// level ran the next twice: 2^1000 calls). The error shows in the text, where PyTorch raises it.
    func testAReprOfItselfEndsAtTheRecursionLimit() throws {
        let (status, first, out) = try script("""
        import torch.nn as nn
        class SelfRepr(nn.Module):
            def __repr__(self):
                return repr(self)
        print(repr(SelfRepr()))
        """)
        XCTAssertEqual(status, 0, first)
        XCTAssertEqual(out, "<error in SelfRepr.__repr__: maximum recursion depth exceeded>\n")
    }
}

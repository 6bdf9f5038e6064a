import InceptionLanguage
import XCTest

/// The spellings of a module call PyTorch accepts besides layer(x), and nn.Module.__init__(self).
extension InterpreterTests {
    func testForwardAndDunderCallOfBuiltinLayersAndExplicitModuleInit() {
        XCTAssertEqual(Self.run("""
        import torch
        import torch.nn as nn
        class B(nn.Module):
            def __init__(self):
                nn.Module.__init__(self)
                self.layer = nn.Sequential(nn.ReLU())
            def forward(self, x):
                y = self.layer.forward(x) + self.layer.__call__(x)
                for m in self.layer:
                    x = m(x)
                return x + y
        b = B()
        print(b(torch.tensor([-1.0, 2.0])), b.__call__(torch.tensor([1.0])), nn.ReLU().forward(torch.tensor([-3.0])))
        """), "tensor([0., 6.]) tensor([3.]) tensor([0.])\n")
    }
}

import InceptionLanguage
import XCTest

/// PyTorch's rules for nn.Module classes, each as its error in PyTorch's words with the fix.
extension ErrorMessageTests {
    func testAnNNModuleClassWithoutForwardIsPyTorchsNotImplementedError() {
        let (code, text) = failure("""
        import torch
        import torch.nn as nn
        class Stem(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(3, 4, 3)
            def foward(self, x):
                return self.conv(x)
        y = Stem()(torch.randn(1, 3, 8, 8))
        """)
        XCTAssertEqual(code, 70)
        XCTAssertTrue(text.hasPrefix("e.inc:9:5: error: Module [Stem] is missing the required \"forward\" function"), text)
        XCTAssertTrue(text.contains("fix: rename 'foward' to 'forward'"), text)
        // caught as PyTorch's class; a subclass of nn.Sequential keeps running its layers in order
        XCTAssertEqual(InterpreterTests.run("""
        import torch
        import torch.nn as nn
        class Bare(nn.Module):
            pass
        class Layers(nn.Sequential):
            def __init__(self):
                super().__init__()
                self.act = nn.ReLU()
        try:
            Bare()(torch.ones(1))
        except NotImplementedError as e:
            print(e)
        print(Layers()(torch.tensor([-1.0, 2.0])))
        """), "Module [Bare] is missing the required \"forward\" function\ntensor([0., 2.])\n")
    }

    func testALayerAssignedBeforeModuleInitIsPyTorchsAttributeError() {
        let (code, text) = failure("""
        import torch.nn as nn
        class Net(nn.Module):
            def __init__(self):
                self.fc = nn.Linear(2, 2)
                super().__init__()
        net = Net()
        """)
        XCTAssertEqual(code, 70)
        XCTAssertTrue(text.hasPrefix("e.inc:4:9: error: cannot assign module before Module.__init__() call"), text)
        XCTAssertTrue(text.contains("fix: call super().__init__() first in Net.__init__"), text)
    }
}

import InceptionRuntime
import XCTest

/// `ForwardFrame`: what a module call hands back besides its tensor becomes the module's
/// `lastForward` when the call ends, whichever context ran it; a call that hands back nothing,
/// or that fails, leaves none.
final class ForwardFrameTests: XCTestCase {
    /// Whether the block below hands back a copy of its output under "kept", or fails.
    final class Box { var handsBack = true; var fails = false }

    func block(_ box: Box) -> Block {
        let b = Block(typeName: "Twice", forward: .custom { block, x, context in
            if box.fails { throw TensorError.invalidArgument("refused") }
            let y = try block["relu"](x, context)                       // a child call has a frame of its own
            if box.handsBack { context.frame(of: block)?.outputs["kept"] = try y.copy() }
            return y
        })
        b.register("relu", ReLU())
        return b
    }

    func testTheLastCallsExtraOutputsAreTheModulesLastForward() throws {
        let box = Box()
        let b = block(box)
        XCTAssertNil(b.lastForward)
        let x = try Tensor(shape: [3], values: [1, -2, 3])
        _ = try b(x, ExecutionContext())
        XCTAssertEqual(b.lastForward?.outputs["kept"]?.values, [1, 0, 3])
        XCTAssertNil(b.children[0].module.lastForward, "the child handed back nothing")

        box.handsBack = false                               // another context, nothing handed back
        _ = try b(x, ExecutionContext())
        XCTAssertNil(b.lastForward)

        box.handsBack = true
        _ = try b(x, ExecutionContext())
        box.fails = true
        XCTAssertThrowsError(try b(x, ExecutionContext()))
        XCTAssertNil(b.lastForward, "a failed call leaves no frame")
    }

    func testAModuleThatIsNotRunningHasNoFrameToWriteTo() {
        let context = ExecutionContext()
        XCTAssertNil(context.frame(of: ReLU()))
    }
}

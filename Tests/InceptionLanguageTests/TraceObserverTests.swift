import InceptionLanguage
import InceptionRuntime
import XCTest

/// The recorder and the stepper on a small network built in the language.
final class TraceObserverTests: XCTestCase {
    func network() throws -> (Module, Tensor) {
        let interpreter = Interpreter()
        InterpreterTests.run("""
        net = Sequential(Conv2d(3, 8, 3, padding=1), ReLU(), Sequential(Conv2d(8, 4, 1), ReLU()), Flatten())
        x = randn(2, 3, 8, 8, seed=1)
        """, interpreter: interpreter)
        return (try XCTUnwrap(interpreter.global("net")?.asModule), try XCTUnwrap(interpreter.global("x")?.asTensor))
    }

    func testRecorderKeepsEveryOutputByPath() throws {
        let (net, x) = try network()
        let recorder = TraceRecorder()
        let y = try net(x, ExecutionContext(observers: [recorder]))
        XCTAssertEqual(recorder.entries.map(\.path), ["0", "1", "2.0", "2.1", "2", "3", ""])
        XCTAssertEqual(recorder.output(at: "2.0")?.shape, [2, 4, 8, 8])
        XCTAssertTrue(recorder.output(at: "") === y)
        XCTAssertNil(recorder.capNotice)
        XCTAssertEqual(recorder.recordedBytes, recorder.entries.reduce(0) { $0 + $1.byteCount })
    }

    func testRecorderStopsAtTheCapWithOneClearNotice() throws {
        let (net, x) = try network()
        // Each 2×8×8×8 output is 4,096 bytes; the cap holds two of them.
        var notices: [String] = []
        let recorder = TraceRecorder(capBytes: 8_192)
        recorder.onCapReached = { notices.append($0) }
        _ = try net(x, ExecutionContext(observers: [recorder]))
        XCTAssertEqual(recorder.entries.map(\.path), ["0", "1"])
        XCTAssertEqual(notices, ["trace recorder: the memory cap of 0.0 MB is reached at 2.0 (its output needs 0.0 MB; 2 outputs kept, 0.0 MB): later outputs are not kept. A smaller batch or input keeps them all."])
        XCTAssertEqual(recorder.capNotice, notices.first)
        recorder.reset()
        XCTAssertNil(recorder.capNotice)
        XCTAssertEqual(recorder.recordedBytes, 0)
    }

    func testStepperPausesWhereItsCommandsSay() throws {
        let (net, x) = try network()
        var paused: [String] = []
        var commands: [TraceStepper.Command] = [.step, .next, .next, .proceed]
        let stepper = TraceStepper { event in
            paused.append(event.path.isEmpty ? "(root)" : event.path)
            return commands.isEmpty ? .proceed : commands.removeFirst()
        }
        stepper.breakpoints = ["3"]
        var finished: [String] = []
        stepper.exitHandler = { exit, _ in finished.append(exit.path) }
        _ = try net(x, ExecutionContext(observers: [stepper]))
        // step into the root, then "0", over "1" and over the inner Sequential "2", run to the breakpoint "3".
        XCTAssertEqual(paused, ["(root)", "0", "1", "2", "3"])
        XCTAssertEqual(finished, ["0", "1", "2.0", "2.1", "2", "3", ""])
    }

    func testStepperStopAbandonsTheRun() throws {
        let (net, x) = try network()
        let stepper = TraceStepper(startPaused: false, breakpoints: ["2.1"]) { _ in .stop }
        XCTAssertThrowsError(try net(x, ExecutionContext(observers: [stepper]))) { error in
            XCTAssertEqual("\(error)", "interrupted before 2.1")
        }
    }
}

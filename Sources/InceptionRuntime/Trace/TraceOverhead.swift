import Foundation

/// Measures what tracing costs when no observer is attached, on a real network.
///
/// Every module call goes through `ExecutionContext.run`; with no observers it skips the
/// events and the clock, leaving an interrupt check, a depth counter and error tagging.
/// That bookkeeping is timed per call (a ReLU on one value, called through the tracer and
/// straight through `forward`, many times) and multiplied by the network's number of module
/// calls, then compared with the network's measured forward time. An observer that does
/// nothing is timed as well, to show what events and timing add once something listens.
public enum TraceOverhead {
    public struct Report: Sendable {
        public var moduleCalls: Int
        /// Median forward time with no observer.
        public var forwardSeconds: Double
        /// Tracer bookkeeping per module call with no observer (tracer minus direct forward).
        public var perCallSeconds: Double
        /// Median forward time with one observer that ignores every event.
        public var forwardWithNullObserverSeconds: Double

        /// moduleCalls × perCall / forward: the share of a forward spent in tracing bookkeeping.
        public var observerFreeFraction: Double { Double(moduleCalls) * perCallSeconds / forwardSeconds }
        public var nullObserverFraction: Double { (forwardWithNullObserverSeconds - forwardSeconds) / forwardSeconds }

        public var description: String {
            func pct(_ x: Double) -> String { String(format: "%.3f%%", x * 100) }
            return [
                "module calls per forward  \(moduleCalls)",
                String(format: "forward, no observer      %.1f ms (median)", forwardSeconds * 1000),
                String(format: "tracer cost per call      %.0f ns (no observer)", perCallSeconds * 1e9),
                "tracing, no observer      \(pct(observerFreeFraction)) of the forward time",
                String(format: "forward, a null observer  %.1f ms (median; %@ more)", forwardWithNullObserverSeconds * 1000,
                       pct(nullObserverFraction)),
            ].joined(separator: "\n")
        }
    }

    /// `run` performs one forward pass of the network in the given context.
    public static func measure(repeats: Int = 5, calls: Int = 1_000_000, counting module: Module, input: [Int],
                               run: (ExecutionContext) throws -> Void) throws -> Report {
        let moduleCalls = try ShapeInference.trace(module, input: input).count

        func median(_ observers: [TraceObserver]) throws -> Double {
            try run(ExecutionContext(observers: observers))                     // warm-up
            var times: [Double] = []
            for _ in 0..<repeats {
                let context = ExecutionContext(observers: observers)
                let start = DispatchTime.now().uptimeNanoseconds
                try run(context)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return times.sorted()[times.count / 2]
        }
        let forward = try median([])
        let withNull = try median([NullObserver()])

        // Per-call bookkeeping: the same tiny module through the tracer and directly.
        let relu = ReLU()
        let x = Tensor(repeating: 1, shape: [1])
        let context = ExecutionContext()
        func time(_ body: () throws -> Tensor) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<calls { _ = try body() }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(calls)
        }
        var traced: [Double] = [], direct: [Double] = []
        for _ in 0..<3 {
            traced.append(try time { try relu(x, context) })
            direct.append(try time { try relu.forward(x, context) })
        }
        let perCall = max(traced.min()! - direct.min()!, 0)
        return Report(moduleCalls: moduleCalls, forwardSeconds: forward, perCallSeconds: perCall,
                      forwardWithNullObserverSeconds: withNull)
    }
}

/// An observer that ignores every event: what it costs to have one attached at all.
public final class NullObserver: TraceObserver {
    public init() {}
    public func didExit(_ event: ModuleExit, output: Tensor, context: ExecutionContext) throws {}
}

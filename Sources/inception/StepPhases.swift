import Foundation

/// One training step's time by phase, in ms: where the step goes outside the layers that
/// `TrainStepProfile` times (the optimizer's update, zeroing gradients, the loss, and the
/// forward's own work between layers: the inception blocks' concatenations, the stacked 1×1s).
struct StepPhases {
    var zeroGrad = 0.0, forward = 0.0, loss = 0.0, backward = 0.0, optimizer = 0.0

    /// "by phase: zero_grad 0.4, forward 140.2, loss 0.3, backward 280.1, SGD step 6.0 ms"
    var line: String {
        String(format: "by phase: zero_grad %.1f, forward %.1f, loss %.1f, backward %.1f, SGD step %.1f ms",
               zeroGrad, forward, loss, backward, optimizer)
    }

    var object: [String: Double] {
        ["zero_grad": zeroGrad, "forward": forward, "loss": loss, "backward": backward, "optimizer": optimizer]
    }
}

/// Milliseconds since the last lap, and since the start.
struct PhaseClock {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e6
    }

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
}

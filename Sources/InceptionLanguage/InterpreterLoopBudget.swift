/// The bound on a run's total loop work. One `while` stops at 10,000,000 rounds, and a range
/// holds at most 10,000,000 numbers, but loops inside loops multiply: `for i in range(9000000):
/// for j in range(9000000)` would run for days. Every round of a `for`, a `while` or a
/// comprehension's `for` counts toward one budget per run; past it the run stops with the line.
extension Interpreter {
    /// 100,000,000 rounds: a minute or so of plain loop bodies, far past any lesson or training loop.
    public static let defaultLoopRoundLimit = 100_000_000

    /// One more round of the loop at `location`.
    @inline(__always)
    func countLoopRound(at location: SourceLocation) throws {
        loopRounds &+= 1
        if loopRounds > loopRoundLimit, loopRoundLimit > 0 { throw loopBudgetSpent(at: location) }
    }

    @inline(never)
    private func loopBudgetSpent(at location: SourceLocation) -> RuntimeError {
        let limit = loopRoundLimit.formatted(separator: ",")
        return RuntimeError(Diagnostic(.runtime, location,
                                       "the loops of this program have run \(limit) rounds in all (this loop was running); they probably never end",
                                       fix: "make the loops smaller; if the program really needs more, run it with `inception run --max-loop-rounds N` (0: no limit)",
                                       callers: callers()))
    }
}

private extension Int {
    /// 100000000 → "100,000,000".
    func formatted(separator: Character) -> String {
        var digits = Array(String(self.magnitude))
        var i = digits.count - 3
        while i > 0 { digits.insert(separator, at: i); i -= 3 }
        return (self < 0 ? "-" : "") + String(digits)
    }
}

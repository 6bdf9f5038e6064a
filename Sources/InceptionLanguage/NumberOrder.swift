/// Python's exact order of two numbers (int, bool, float): ints as ints (2**53 + 1 > 2**53),
/// an int against a float exactly, not through the float nearest the int (2**53 + 1 > 2.0**53);
/// nil when a NaN leaves them unordered (every <, <=, ==, >=, > is then False).
func numericOrder(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.float(let x), .float(let y)): return x < y ? -1 : x > y ? 1 : x == y ? 0 : nil
    case (.float(let x), _): return b.asInt.flatMap { floatOrder(x, $0) }
    case (_, .float(let y)): return a.asInt.flatMap { floatOrder(y, $0) }.map { -$0 }
    default:
        guard let x = a.asInt, let y = b.asInt else { return nil }
        return x < y ? -1 : x > y ? 1 : 0
    }
}

/// The order of a float and an int, compared exactly: -1 when x < i, 1 when x > i.
private func floatOrder(_ x: Double, _ i: Int) -> Int? {
    if x.isNaN { return nil }
    if x >= 0x1p63 { return 1 }                   // past every Int (and +inf)
    if x < -0x1p63 { return -1 }
    let whole = x.rounded(.towardZero)
    let wholeInt = Int(whole)                     // exact: |whole| < 2^63
    if wholeInt != i { return wholeInt < i ? -1 : 1 }
    return x > whole ? 1 : x < whole ? -1 : 0
}

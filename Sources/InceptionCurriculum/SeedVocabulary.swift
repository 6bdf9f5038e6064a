/// How the seed names things, so the checker's messages can speak the lesson's language:
/// an Inception module's branches and the entry of `Fs` each convolution comes from.
enum SeedVocabulary {
    /// The six entries of Fs, in the seed's order (Table 1's columns).
    static let fsColumns = ["#1×1", "#3×3 reduce", "#3×3", "#5×5 reduce", "#5×5", "pool proj"]

    /// For a path inside an Inception module's branch: which entry of Fs sets the output
    /// channels of the convolution there. Keys are (branch, position in the branch).
    static func fsIndex(branch: String, step: String?) -> Int? {
        switch (branch, step) {
        case ("conv1x1", _): return 0
        case ("conv3x3", "0"): return 1
        case ("conv3x3", "1"): return 2
        case ("conv5x5", "0"): return 3
        case ("conv5x5", "1"): return 4
        case ("maxpool_conv1x1", "1"): return 5
        default: return nil
        }
    }

    /// 1 → "1st", 2 → "2nd", 3 → "3rd", 4 → "4th".
    static func ordinal(_ n: Int) -> String {
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// "Conv2d, BatchNorm2d, ReLU"
    static func list(_ names: [String]) -> String { names.joined(separator: ", ") }
}

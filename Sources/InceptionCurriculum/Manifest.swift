import Foundation

/// `Lessons/manifest.json`: the lessons in order, and each lesson's exercises.
///
/// An exercise is a file the learner edits (`exercises/NN-name.inc`), shipped with a pristine
/// copy (`starters/NN-name.inc`, for "untouched?" and `:reset`) and a solution kept apart
/// (`solutions/NN-name.inc`). Its kind says how the checker grades it:
/// - `block`: the learner's code builds a block (`build`, evaluated after their file), which
///   must equal the block `reference` builds from the reference sources, on a `probe` input;
/// - `number`: the learner's file sets `answer`, which must equal the value the `expected`
///   code computes from the reference (it sets `expected`);
/// - `design`: the learner's block is graded by properties (output shape, kernels, a budget);
/// - `function`: the learner's file defines a function (`defines`); the `call` code, evaluated
///   after their file, runs it (a training loop on the seed's network) and must give what the
///   `reference` code gives with the reference's function, item by item (`items` names them);
/// - `prediction`: the learner writes what they expect before an experiment measures it; any
///   value for each name in `defines` (default `prediction`) passes: it is graded for being there.
public struct Manifest: Codable, Equatable, Sendable {
    /// Language files, relative to the lessons folder, that define the reference blocks.
    public var reference: [String]
    public var lessons: [Lesson]

    public struct Lesson: Codable, Equatable, Sendable {
        /// The file's name without ".md" ("02-basic-conv2d"), as the REPL names lessons.
        public var id: String
        public var title: String
        /// The lesson file, relative to the lessons folder.
        public var file: String
        public var exercises: [Exercise]
    }

    public struct Exercise: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable { case block, number, design, function, prediction }

        /// The name the learner types: `inception check basic_conv2d`, `:check basic_conv2d`.
        public var id: String
        public var title: String
        public var kind: Kind
        /// The file the learner edits, relative to the lessons folder ("exercises/02-basic-conv2d.inc").
        public var file: String
        /// Hints, from a nudge to nearly the answer; `:hint` shows one more each time.
        public var hints: [String]

        // MARK: block exercises
        /// Reference classes (or functions) the learner's file, and a function exercise's `call`,
        /// may use without writing them ("BasicConv2d", "training_run").
        public var uses: [String]?
        /// Names the learner's file must define itself ("Inception"); for a prediction, the
        /// names it must set (default ["prediction"]).
        public var defines: [String]?
        /// Code evaluated after the learner's file that gives their block: "BasicConv2d(3, 64, 7, 2, padding=3)".
        public var build: String?
        /// Code evaluated in the reference interpreter that gives the reference block (or, for a
        /// function exercise, the reference value).
        public var reference: String?
        /// The input shape the blocks are run on.
        public var probe: [Int]?
        /// "eval" (the default), "train", or "train+eval": the modes both blocks run in.
        public var mode: String?
        /// How messages name the block's root ("inception4a"); empty for the block itself.
        public var name: String?
        /// More configurations checked after the first passes (build, reference and probe each):
        /// one configuration can hide a swapped argument or a hard-coded number.
        public var also: [Configuration]?

        /// A block exercise checked with other arguments: "Inception(480, (192, 96, 208, 16, 48, 64), 512)".
        public struct Configuration: Codable, Equatable, Sendable {
            public var build: String
            public var reference: String
            public var probe: [Int]
        }

        // MARK: design exercises (graded by properties: build and probe as for a block)
        /// The output shape the block must give on the probe.
        public var output: [Int]?
        /// At most this many multiply-adds on the probe (as the trace counts them).
        public var budget: Int?
        /// Kernel sizes the block must contain a convolution of (e.g. [3, 5]).
        public var kernels: [Int]?

        // MARK: function exercises (also: defines, uses, reference, tolerance, mistakes)
        /// Code evaluated after the learner's file, in its interpreter, that calls their function.
        public var call: String?
        /// What each item of a list-valued result is ("the loss of the first batch"), for messages.
        public var items: [String]?

        // MARK: number exercises
        /// The global the learner's file sets (default "answer").
        public var answer: String?
        /// Reference-side code that sets `expected`.
        public var expected: String?
        /// Allowed absolute difference for float answers (exact when absent).
        public var tolerance: Double?
        /// What the arithmetic is, shown when the answer is wrong (without giving the number).
        public var explain: String?
        /// Typical wrong answers and what they mean.
        public var mistakes: [Mistake]?

        /// A typical wrong answer: a number (`value`), or for a function exercise the value
        /// reference-side `code` gives (the reference's loop with the mistake made).
        public struct Mistake: Codable, Equatable, Sendable {
            public var value: Double?
            public var code: String?
            public var message: String
        }
    }

    /// Every exercise, in lesson order.
    public var exercises: [Exercise] { lessons.flatMap(\.exercises) }

    public static func load(path: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CurriculumError("cannot read \(path): no such file, or not readable")
        }
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch let error as DecodingError {
            throw CurriculumError("\(path): not a valid lessons manifest: \(describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let c): return "missing \"\(key.stringValue)\" at \(at(c.codingPath).isEmpty ? "the top" : at(c.codingPath))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(c.debugDescription) at \(at(c.codingPath))"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// A problem with the curriculum itself (a missing file, a broken manifest): one line.
public struct CurriculumError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

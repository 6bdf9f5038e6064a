/// The pieces' sizes along one dim of length n for `chunk` and `split` (an int size), with
/// PyTorch's rules at the edges: an empty dim still gives pieces (chunk's `chunks` empty ones,
/// split's one), and its RuntimeErrors for sizes it refuses.
extension Interpreter {
    /// chunk(chunks): ceil(n / chunks) each, the last short; n == 0 gives `chunks` empty pieces.
    static func chunkSizes(_ n: Int, chunks: Int) throws -> [Int] {
        guard chunks > 0 else { throw LanguageFailure("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let size = (n + chunks - 1) / chunks
        if size == 0 { return Array(repeating: 0, count: chunks) }
        return try splitSizes(n, size: size)
    }

    /// split(size): `size` each, the last short; at least one piece (an empty one when n == 0).
    static func splitSizes(_ n: Int, size: Int) throws -> [Int] {
        guard size >= 0 else { throw LanguageFailure("split expects split_size be non-negative, but got split_size=\(size)") }
        guard size > 0 || n == 0 else {
            throw LanguageFailure("split_size can only be 0 if dimension size is 0, but got dimension size of \(n)")
        }
        guard n > 0 else { return [0] }
        return stride(from: 0, to: n, by: size).map { min(size, n - $0) }
    }
}

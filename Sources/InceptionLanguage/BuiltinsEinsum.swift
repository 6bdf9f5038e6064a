import InceptionRuntime

/// torch.einsum: any contraction written in Einstein notation ("ij,jk->ik", "bij,bjk->bik",
/// "ii", "i,j->ij", "...ij->...ji"), by one naive loop over every combination of the letters'
/// values, sums in double, and its backward by the same loop. The implicit output (no "->") is
/// the letters seen once, in alphabetical order, as PyTorch has it; "..." stands for the same
/// leading dimensions in every operand; a letter of size 1 in one operand broadcasts.
extension Interpreter {
    /// Index combinations one einsum may loop over: above this it is refused, not left to run for minutes.
    static let einsumLimit = 1 << 27

    func einsumBuiltin() -> Value {
        .builtin(Builtin("einsum") { _, arguments in
            guard arguments.keywords.isEmpty, case .string(let equation)? = arguments.positional.first else {
                throw LanguageFailure("einsum(): the first argument must be the equation, e.g. torch.einsum(\"ij,jk->ik\", a, b)")
            }
            var rest = Array(arguments.positional.dropFirst())
            if rest.count == 1, rest[0].asTensor == nil, let items = rest[0].sequenceItems() { rest = items }
            let operands = try rest.map { v -> Tensor in
                guard case .tensor(let t) = v else { throw LanguageFailure("einsum(): operands must be tensors, got \(v.typeName)") }
                return t
            }
            return .tensor(try Self.einsum(equation, operands, dtype: try Self.einsumDType(equation, operands)))
        })
    }

    /// The result's dtype, as PyTorch's einsum reaches it: a letter summed away that is longer
    /// than 1 in two operands is a bmm (one dtype, no Bool: refused with bmm's messages);
    /// otherwise the operands multiply (dtypes promote), and a letter summed away in one operand
    /// is a sum (an integer or Bool result becomes int64).
    static func einsumDType(_ equation: String, _ operands: [Tensor]) throws -> DType {
        let plan = try einsumPlan(equation, operands)
        let dtypes = operands.map(TensorOps.dtype)
        guard let first = dtypes.first else { return .float32 }
        let summed = Set(plan.inputs.joined()).subtracting(plan.output).filter { plan.sizes[$0] > 1 }
        func holders(_ letter: Int) -> Int {
            zip(plan.inputs, operands).filter { letters, x in letters.indices.contains { letters[$0] == letter && x.shape[$0] > 1 } }.count
        }
        if summed.contains(where: { holders($0) >= 2 }) {
            if first == .bool {
                throw LanguageFailure("\"bmm\" not implemented for 'Bool'", fix: "convert to numbers first: x.float()", as: .notImplementedError)
            }
            if let other = dtypes.first(where: { $0 != first }) {
                throw LanguageFailure("expected scalar type \(first.scalarName) but found \(other.scalarName)", fix: "convert every operand to one dtype: x.float()")
            }
            return first
        }
        let promoted = dtypes.dropFirst().reduce(first) { TensorOps.promote($0, $1) }
        return promoted != .float32 && !summed.isEmpty ? .int64 : promoted
    }

    /// The equation read against the operands' shapes: each operand's letters (an int per
    /// dimension), the output's, and every letter's size.
    struct EinsumPlan {
        var inputs: [[Int]], output: [Int], sizes: [Int]
    }

    static func einsumPlan(_ equation: String, _ operands: [Tensor]) throws -> EinsumPlan {
        let text = equation.filter { $0 != " " }
        let sides = text.components(separatedBy: "->")
        guard sides.count <= 2 else { throw LanguageFailure("einsum(): more than one '->' found in equation") }
        let terms = sides[0].components(separatedBy: ",")
        guard terms.count == operands.count else {
            throw LanguageFailure("einsum(): \(operands.count > terms.count ? "more" : "fewer") operands were provided than specified in the equation")
        }
        // "..." spans the dimensions no letter names; the widest operand's count of them, right-aligned
        let ellipsisWidth = try zip(terms, operands).map { term, x -> Int in
            let letters = term.replacingOccurrences(of: "...", with: "").count
            let width = term.contains("...") ? x.rank - letters : 0
            guard width >= 0, term.contains("...") || letters == x.rank else {
                throw LanguageFailure("einsum(): the number of subscripts in the equation (\(letters)) does not match the number of dimensions (\(x.rank)) for operand \(operands.firstIndex { $0 === x } ?? 0)\(term.contains("...") ? "" : " and no ellipsis was given")")
            }
            return width
        }.max() ?? 0
        var code: [Character: Int] = [:]
        func letterCode(_ c: Character) throws -> Int {
            guard c.isLetter, c.isASCII else { throw LanguageFailure("einsum(): invalid subscript given at index \(text.firstIndex(of: c).map { text.distance(from: text.startIndex, to: $0) } ?? 0) in the equation string, subscripts must be in [a-zA-Z]") }
            if let k = code[c] { return k }
            code[c] = ellipsisWidth + code.count
            return code[c]!
        }
        func letters(_ term: String, rank: Int?) throws -> [Int] {
            var out: [Int] = []
            var rest = Substring(term)
            while !rest.isEmpty {
                if rest.hasPrefix("...") {
                    let width = rank.map { $0 - term.replacingOccurrences(of: "...", with: "").count } ?? ellipsisWidth
                    out += Array((ellipsisWidth - width)..<ellipsisWidth)
                    rest = rest.dropFirst(3)
                } else {
                    out.append(try letterCode(rest.removeFirst()))
                }
            }
            return out
        }
        let inputs = try zip(terms, operands).map { try letters($0, rank: $1.rank) }
        var sizes = [Int](repeating: 1, count: ellipsisWidth)
        for (k, (term, x)) in zip(inputs, operands).enumerated() {
            for (axis, letter) in term.enumerated() {
                while sizes.count <= letter { sizes.append(-1) }
                let size = x.shape[axis]
                // a size of 1 broadcasts against another operand's (not against the same operand's: a diagonal)
                let seenHere = term[..<axis].contains(letter)
                if sizes[letter] == -1 || (!seenHere && sizes[letter] == 1) { sizes[letter] = size; continue }
                guard size == sizes[letter] || (!seenHere && size == 1) else {
                    if letter < ellipsisWidth {
                        throw LanguageFailure("einsum(): dimension \(axis) covered by ellipsis in operand \(k)has size \(size) which does not broadcast with previously seen ellipsis with size \(sizes[letter]) for the respective dimension")
                    }
                    let name = String(code.first { $0.value == letter }!.key)
                    throw LanguageFailure(seenHere ? "einsum(): subscript \(name) is repeated for operand \(k) but the sizes don't match, \(size) != \(sizes[letter])"
                                                   : "einsum(): subscript \(name) has size \(size) for operand \(k) which does not broadcast with previously seen size \(sizes[letter])")
                }
            }
        }
        let output: [Int]
        if sides.count == 2 {
            for c in sides[1] where c != "." && code[c] == nil && c.isLetter {
                throw LanguageFailure("einsum(): output subscript \(c) does not appear in the equation for any input operand")
            }
            output = try letters(sides[1], rank: nil)
            var seen = Set<Character>()
            for c in sides[1] where c.isLetter && !seen.insert(c).inserted {
                throw LanguageFailure("einsum(): output subscript \(c) appears more than once in the output")
            }
        } else {
            // implicit: "..." first, then the letters used once, alphabetically
            let counts = Dictionary(grouping: inputs.flatMap { $0 }.filter { $0 >= ellipsisWidth }, by: { $0 }).mapValues(\.count)
            output = Array(0..<ellipsisWidth) + code.filter { counts[$0.value] == 1 }.sorted { $0.key < $1.key }.map(\.value)
        }
        return EinsumPlan(inputs: inputs, output: output, sizes: sizes.map { max($0, 1) })
    }

    // operands: tensors whose dimensions the equation names → the contraction, recorded for backward
    static func einsum(_ equation: String, _ operands: [Tensor], dtype: DType = .float32) throws -> Tensor {
        let plan = try einsumPlan(equation, operands)
        let combinations = plan.sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard combinations <= einsumLimit else {
            throw LanguageFailure("einsum(): \(combinations) index combinations are more than this naive kernel runs (\(einsumLimit))", fix: "write the product with matmul, bmm or sum")
        }
        let outShape = plan.output.map { plan.sizes[$0] }
        try MemoryBudget.check(shape: outShape, what: "einsum's output")
        if operands.contains(where: \.isMeta) { return Tensor(meta: outShape) }
        // offset of each operand's cell (and the output's) for every combination, by the letters' strides
        func strides(_ letters: [Int], _ shape: [Int]) -> [Int] {
            var s = [Int](repeating: 0, count: plan.sizes.count)
            let own = TensorOps.strides(shape)
            for (axis, letter) in letters.enumerated() where shape[axis] > 1 { s[letter] += own[axis] }
            return s
        }
        let operandStrides = zip(plan.inputs, operands).map { strides($0, $1.shape) }
        let outStrides = strides(plan.output, outShape)
        func forEachCombination(_ body: (_ cells: [Int], _ out: Int) -> Void) {
            guard combinations > 0 else { return }
            var index = [Int](repeating: 0, count: plan.sizes.count)
            var cells = [Int](repeating: 0, count: operands.count), out = 0
            for _ in 0..<combinations {
                body(cells, out)
                var letter = plan.sizes.count - 1
                while letter >= 0 {
                    index[letter] += 1
                    for k in cells.indices { cells[k] += operandStrides[k][letter] }
                    out += outStrides[letter]
                    if index[letter] < plan.sizes[letter] { break }
                    for k in cells.indices { cells[k] -= operandStrides[k][letter] * index[letter] }
                    out -= outStrides[letter] * index[letter]
                    index[letter] = 0
                    letter -= 1
                }
            }
        }
        var sums = [Double](repeating: 0, count: outShape.reduce(1, *))
        forEachCombination { cells, out in
            var product = 1.0
            for (k, x) in operands.enumerated() { product *= Double(x.data[cells[k]]) }
            sums[out] += product
        }
        let y = TensorOps.make(outShape, values: sums.map(Float.init), dtype)
        guard dtype == .float32 else { return y }
        return Autograd.record(y, "einsum", inputs: operands) { gy in
            let grads = operands.map { Tensor(zeros: $0.shape) }
            forEachCombination { cells, out in
                for k in operands.indices {
                    var product = Double(gy.data[out])
                    for (j, x) in operands.enumerated() where j != k { product *= Double(x.data[cells[j]]) }
                    grads[k].data[cells[k]] += Float(product)
                }
            }
            return grads
        }
    }
}

import Foundation
import InceptionRuntime

extension TensorOps {
    /// Refuses a torch.matmul PyTorch refuses, with the error of the kernel PyTorch reaches, in
    /// that kernel's order of checks (a: ≥1-D, b: ≥1-D):
    /// - dot (k) @ (k): dtype, then size, then Bool;
    /// - mv (…, n, k) @ (k), a's batch folded into its rows: size, then dtype, then Bool;
    /// - mm (n, k) or (k) or (…, n, k) folded @ (k, m): size, then dtype, then Bool;
    /// - bmm, b of 3 or more dims: batch broadcast, then size, then a Bool a, then dtype.
    static func checkMatmulOperands(_ a: Tensor, _ b: Tensor) throws {
        let (da, db) = (dtype(a), dtype(b))
        func refuseBool(_ kernel: String) throws {
            guard da == .bool else { return }
            throw LanguageFailure("\"\(kernel)\" not implemented for 'Bool'", fix: "convert to numbers first: x.float() @ y.float()", as: .notImplementedError)
        }
        let k = a.shape[a.rank - 1]
        if a.rank == 1 && b.rank == 1 {
            if da != db {
                throw LanguageFailure("dot : expected both vectors to have same dtype, but found \(da.scalarName) and \(db.scalarName)", fix: "convert one side: x.float()")
            }
            guard a.count == b.count else {
                throw LanguageFailure("inconsistent tensor size, expected tensor [\(a.count)] and src [\(b.count)] to have the same number of elements, but got \(a.count) and \(b.count) elements respectively")
            }
            return try refuseBool("dot")
        }
        if b.rank == 1 {
            let rows = a.shape.dropLast().reduce(1, *)
            guard b.count == k else { throw LanguageFailure("size mismatch, got input (\(rows)), mat (\(rows)x\(k)), vec (\(b.count))") }
            if da != db {
                throw LanguageFailure("addmv input tensors must have the same dtype, but got \(db.scalarName), \(da.scalarName), and \(db.scalarName)", fix: "convert one side: x.float()")
            }
            return try refuseBool("addmv_impl_cpu")
        }
        if b.rank == 2 {
            let rows = a.shape.dropLast().reduce(1, *)
            guard b.shape[0] == k else {
                throw LanguageFailure("mm: mat1 and mat2 shapes cannot be multiplied (\(rows)x\(k) and \(b.shape[0])x\(b.shape[1]))")
            }
            if da != db {
                throw LanguageFailure("expected m1 and m2 to have the same dtype, but got: \(Interpreter.cppTypeName(da)) != \(Interpreter.cppTypeName(db))", fix: "convert one side: x.float()")
            }
            return try refuseBool("addmm_impl_cpu_")
        }
        let batch = try broadcastShape(Array(a.shape.dropLast(min(a.rank, 2))), Array(b.shape.dropLast(2)))
        let (count, bk) = (batch.reduce(1, *), b.shape[b.rank - 2])
        guard bk == k else {
            throw LanguageFailure("Expected size for first two dimensions of batch2 tensor to be: [\(count), \(k)] but got: [\(count), \(bk)].")
        }
        try refuseBool("bmm")
        if da != db {
            throw LanguageFailure("expected scalar type \(da.scalarName) but found \(db.scalarName)", fix: "convert one side: x.float()")
        }
    }
}

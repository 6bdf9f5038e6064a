#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a program's own class says `==` and `hash()` mean for its instances, for the places that
/// have no interpreter at hand: set membership, dict keys, `in` and container equality. The
/// interpreter running on a thread installs itself here (weakly) when it starts a program.
protocol InstanceSemantics: AnyObject {
    /// x == y through a class's __eq__ (nil when neither is an instance whose class defines it).
    func instanceEqual(_ x: Value, _ y: Value) throws -> Bool?
    /// hash(x) through its class's __hash__; an error when the class defines __eq__ without it
    /// (Python makes it unhashable); nil for the default, identity.
    func instanceHash(_ x: Value) throws -> Int?
}

enum InstanceSemanticsHook {
    private final class Box { weak var provider: InstanceSemantics? }
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in if let raw { Unmanaged<Box>.fromOpaque(raw).release() } }
        return key
    }()

    /// The provider for this thread, if one is alive.
    static var current: InstanceSemantics? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<Box>.fromOpaque(raw).takeUnretainedValue().provider
    }

    static func install(_ provider: InstanceSemantics) {
        let box: Box
        if let raw = pthread_getspecific(key) { box = Unmanaged<Box>.fromOpaque(raw).takeUnretainedValue() } else {
            box = Box()
            pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
        }
        box.provider = provider
    }
}

extension Interpreter: InstanceSemantics {
    func instanceEqual(_ x: Value, _ y: Value) throws -> Bool? {
        guard x.asModule != nil || y.asModule != nil else { return nil }
        return try dunderComparison(.equal, x, y)
    }

    func instanceHash(_ x: Value) throws -> Int? {
        guard case .module(let m) = x, let instance = instance(of: m) else { return nil }
        if let f = try dunder(x, "__hash__") {
            guard case .int(let h) = try callBack(f, Arguments()) else { throw LanguageFailure("__hash__ method should return an integer", as: .typeError) }
            return h == -1 ? -2 : h            // a 64-bit result is used as it is, as CPython's slot_tp_hash does
        }
        if instance.cls.method("__eq__") != nil { throw LanguageFailure("unhashable type: '\(instance.cls.name)'", as: .typeError) }
        return nil
    }
}

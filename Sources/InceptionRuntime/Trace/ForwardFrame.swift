/// What one call of a module handed back besides the tensor its caller passes on.
///
/// A module's forward returns one tensor; some hand back more. The seed network's and
/// torchvision's forwards in train mode hand back their aux heads' logits under "aux1" and
/// "aux2"; a forward written in the lesson language may return a tuple (`return aux1, aux2,
/// out`), of which the runtime passes the last tensor on and keeps the whole value here.
/// Writers ask `ExecutionContext.frame(of:)` for the running call's frame; when the call
/// ends, the frame becomes the module's `lastForward` (nil when nothing was handed back), so
/// "the other outputs of the last forward of module M" is `M.lastForward`, whoever called it.
public final class ForwardFrame {
    /// Named outputs besides the returned tensor: the aux heads' logits ("aux1", "aux2").
    public var outputs: [String: Tensor] = [:]
    /// The whole value a forward written in another language returned when it was more than
    /// one tensor (the interpreter's tuple); the runtime does not look inside.
    public var returned: Any?

    init() {}
}

import CKernels

/// Where each H×W plane of a 4-D activation lies, for kernels that read or write it plane by
/// plane (`ck_planes`: plane (c, n) starts c·channel + n·image floats in). The fast path keeps
/// activations channel-major; the training path's tensors are PyTorch's NCHW, which the
/// Winograd kernels then read and write where they lie, with no copy into channel-major order.
extension ck_planes {
    /// (C, N, H, W): a channel's planes one after another, image by image.
    static func channelMajor(batch n: Int, height h: Int, width w: Int) -> ck_planes {
        ck_planes(channel: n * h * w, image: h * w)
    }
    /// (N, C, H, W): an image's planes one after another, channel by channel.
    static func nchw(channels c: Int, height h: Int, width w: Int) -> ck_planes {
        ck_planes(channel: h * w, image: c * h * w)
    }
}

import CKernels

/// Training allocates and frees the same activation-sized tensors (up to 26 MB at batch 8) at
/// every step. glibc maps each large block afresh and unmaps it when freed, so every step faults
/// in (and zeroes) hundreds of MB of new pages. Kept in the heap instead, freed blocks are reused:
/// on the Zen 5, `bench --mode train-step --batch 8 --repeat 5` faulted 354–436 K pages instead of
/// 407–431 K and ran 414–440 ms against 466–520 (3 alternating rounds). (GLIBC_TUNABLES with the
/// same two settings, applied before the first allocation, halves the faults.) Called by the
/// training commands only; the REPL keeps glibc's defaults, so memory it frees goes back.
public enum HeapReuse {
    /// Blocks up to 32 MB (glibc's largest setting) come from the heap, and up to 1 GB of free heap is kept (a step frees about that much at once).
    public static func keepFreedBlocksForReuse() {
        ck_keep_freed_blocks(32 << 20, 1 << 30)
    }
}

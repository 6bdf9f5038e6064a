import CKernels

/// Training allocates and frees the same activation-sized tensors (up to 26 MB at batch 8) at
/// every step. glibc maps each large block afresh and unmaps it when freed, and trims the top of
/// its heap whenever 128 KB or more lie free there, so every step faulted in (and zeroed) about
/// 28 K fresh pages (110 MB). Kept in the heap instead, freed blocks are reused: on the Zen 5,
/// `bench --mode train-step --batch 8` faults about 700 pages a step instead of 28 K, its system
/// time falls by ~35 ms of CPU a step, and 3 alternating rounds of 8 steps ran 342/307/313 ms
/// against 346/379/339 (peak RSS 860–890 MB either way). (Until 2026-12-02 heap.c tested
/// `__GLIBC__` before any libc header had defined it, so these settings were never applied.)
/// Called by the training commands only; the REPL keeps glibc's defaults, so memory it frees goes back.
public enum HeapReuse {
    /// Blocks up to 32 MB (glibc's largest setting) come from the heap, and up to 1 GB of free heap is kept (a step frees about that much at once).
    public static func keepFreedBlocksForReuse() {
        ck_keep_freed_blocks(32 << 20, 1 << 30)
    }
}

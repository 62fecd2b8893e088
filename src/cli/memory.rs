//! How the process asks the kernel for memory, per kind of run.
//!
//! The allocator (mimalloc) marks its arenas for transparent huge pages, and the kernel
//! zeroes each 2 MiB page whole on its first touch. A batch gains from that (fewer TLB
//! misses over a long run), but a single answer touches a few MiB once and exits: zeroing
//! huge pages was a quarter of its CPU time (`clear_page_erms`, perf cpu-clock samples
//! over 200 runs), for memory it never used.

/// Turn transparent huge pages off for the rest of a run that scores a single answer
/// (faults after this get ordinary pages). A kernel that refuses changes nothing.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub(crate) fn small_run() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and touches no memory of
    // ours; it sets a flag on this process that later page faults read.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Other systems: nothing to do.
#[cfg(not(target_os = "linux"))]
pub(crate) fn small_run() {}

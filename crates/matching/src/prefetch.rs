//! Software prefetch for scattered reads. Walking a posting list reads one slot per name it
//! holds, scattered over arrays of tens of megabytes at scale; the hardware cannot foresee
//! those reads, so the walk asks for the slot a few names ahead while it works on this one.

/// How many names ahead to ask for: about one memory latency of loop work.
pub(crate) const AHEAD: usize = 16;

/// Asks the CPU to bring `slice[i]` into cache; `i` may be out of bounds (then it does
/// nothing useful, and no harm). A no-op where no prefetch instruction is wired in.
#[inline(always)]
#[allow(unsafe_code)] // a hint that cannot fault
pub(crate) fn prefetch<T>(slice: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let p = slice.as_ptr().wrapping_add(i).cast::<i8>();
        // SAFETY: a prefetch is a hint that never faults and reads nothing into the program,
        // whatever the address; x86_64 always has SSE.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(p) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (slice, i);
}

/// Prefetches `slots[list[i + AHEAD]]`, if there is such an entry.
#[inline(always)]
pub(crate) fn ahead<T>(slots: &[T], list: &[u32], i: usize) {
    if let Some(&next) = list.get(i + AHEAD) {
        prefetch(slots, next as usize);
    }
}

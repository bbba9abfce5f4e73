//! Where CPU-bound work runs: row rendering for table passes and page bodies.

/// Runs `work` on the runtime's blocking pool (bounded, reused threads), or on a thread of its
/// own outside a runtime.
pub(crate) fn spawn(work: impl FnOnce() + Send + 'static) {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => {
            handle.spawn_blocking(work);
        }
        Err(_) => {
            std::thread::spawn(work);
        }
    }
}

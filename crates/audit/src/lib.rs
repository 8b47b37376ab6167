//! The audit store.

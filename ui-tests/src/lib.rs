//! Compile-time tests of error-contract live in `tests/ui.rs`.

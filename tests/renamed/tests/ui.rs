//! Compile errors with a renamed runtime: a mistake in `#[api(...)]` is reported, and so is
//! every unrelated error of the crate, because the stub impls name the runtime as
//! `crate = contract` says (`::error_contract` does not resolve here).

// rustc's wording changes between releases; the .stderr files were written by 1.95.
#[rustversion::attr(not(stable(1.95)), ignore = "stderr files were written by rustc 1.95")]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("fail/*.rs");
}

//! Compile-time behaviour of `#[derive(ApiError)]`: every misuse is a spanned error that says
//! the fix, and every supported shape compiles.

// rustc's wording changes between releases; the .stderr files were written by 1.95.
#[rustversion::attr(not(stable(1.95)), ignore = "stderr files were written by rustc 1.95")]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("pass/*.rs");
    cases.compile_fail("fail/*.rs");
}

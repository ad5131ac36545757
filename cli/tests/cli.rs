//! The `error-contract` binary, run as CI runs it: on files, read for its exit status and output.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use error_contract::{Catalog, ErrorSpec, RetryClass};

/// A folder of its own in the system's temporary folder, removed with what it holds when
/// dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "error-contract-cli-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir(&path).expect("a temporary folder");
        Self(path)
    }

    /// Writes `text` to the file `name` in this folder, and gives its path.
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("a temporary file");
        path.to_str().expect("a UTF-8 temporary path").to_owned()
    }

    fn catalog(&self, name: &str, catalog: &Catalog) -> String {
        self.file(name, &format!("{}\n", catalog.to_json()))
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one run gave: its exit status, standard output and standard error.
struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            status: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
        }
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

fn error_contract(args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_error-contract"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
        .into()
}

fn error_contract_with_stdin(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_error-contract"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap().into()
}

fn v1() -> Catalog {
    Catalog::new(vec![
        ErrorSpec::new(
            "invoice_not_found",
            404,
            RetryClass::Permanent,
            "InvoiceError",
        )
        .with_message("Invoice {0} not found.")
        .with_description("Invoice ID doesn't exist for this business"),
        ErrorSpec::new("storage_error", 500, RetryClass::Transient, "InvoiceError"),
    ])
}

/// v1 with a new code and a reworded description: additive and docs changes.
fn v1_1() -> Catalog {
    let mut specs = v1().specs().to_vec();
    specs[0] = specs[0]
        .clone()
        .with_description("No invoice of this business has this ID");
    specs.push(ErrorSpec::new(
        "quota_exceeded",
        429,
        RetryClass::Throttled,
        "InvoiceError",
    ));
    Catalog::new(specs)
}

/// v1 with `invoice_not_found` answering 410 and `storage_error` gone: breaking changes.
fn v2() -> Catalog {
    let mut specs = v1().specs().to_vec();
    specs[0].status = 410;
    specs.pop();
    Catalog::new(specs)
}

/// The JSON of `catalog`, changed by `edit`.
fn edited(catalog: &Catalog, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&catalog.to_json()).unwrap();
    edit(&mut json);
    serde_json::to_string_pretty(&json).unwrap()
}

fn codes(json: &mut serde_json::Value) -> &mut Vec<serde_json::Value> {
    json["codes"].as_array_mut().expect("a \"codes\" array")
}

#[test]
fn diff_of_a_catalogue_with_itself_is_empty_and_exits_0() {
    let dir = TempDir::new();
    let old = dir.catalog("old.json", &v1());
    let new = dir.catalog("new.json", &v1());
    let run = error_contract(&["diff", &old, &new]);
    assert_eq!(run.status, Some(0), "{run:?}");
    assert_eq!(run.stdout, "no changes\n", "{run:?}");
    assert_eq!(run.stderr, "", "{run:?}");

    let run = error_contract(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(run.status, Some(0), "{run:?}");
    let _: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
}

#[test]
fn compatible_changes_are_listed_and_exit_0_in_every_format() {
    let dir = TempDir::new();
    let old = dir.catalog("old.json", &v1());
    let new = dir.catalog("new.json", &v1_1());

    let text = error_contract(&["diff", &old, &new]);
    assert_eq!(text.status, Some(0), "{text:?}");
    assert!(text.stdout.contains("quota_exceeded"), "{text:?}");
    assert!(text.stdout.contains("invoice_not_found"), "{text:?}");
    assert_eq!(
        text.stdout,
        Catalog::diff(&v1(), &v1_1()).to_string() + "\n"
    );

    let explicit = error_contract(&["diff", "--format=text", &old, &new]);
    assert_eq!(explicit.stdout, text.stdout, "{explicit:?}");

    let markdown = error_contract(&["diff", &old, &new, "--format", "markdown"]);
    assert_eq!(markdown.status, Some(0), "{markdown:?}");
    assert!(markdown.stdout.contains("`quota_exceeded`"), "{markdown:?}");
    assert_eq!(
        markdown.stdout.trim_end(),
        Catalog::diff(&v1(), &v1_1()).markdown().trim_end()
    );

    let json = error_contract(&["diff", &old, &new, "--format", "json"]);
    assert_eq!(json.status, Some(0), "{json:?}");
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(
        value,
        serde_json::to_value(Catalog::diff(&v1(), &v1_1())).unwrap()
    );
    assert!(json.stdout.contains("quota_exceeded"), "{json:?}");
}

#[test]
fn breaking_changes_exit_1_in_every_format() {
    let dir = TempDir::new();
    let old = dir.catalog("old.json", &v1());
    let new = dir.catalog("new.json", &v2());
    for format in ["text", "markdown", "json"] {
        let run = error_contract(&["diff", &old, &new, "--format", format]);
        assert_eq!(run.status, Some(1), "{format}: {run:?}");
        assert!(
            run.stdout.contains("invoice_not_found"),
            "{format}: {run:?}"
        );
        assert!(run.stdout.contains("storage_error"), "{format}: {run:?}");
    }
    let run = error_contract(&["diff", &old, &new, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        value,
        serde_json::to_value(Catalog::diff(&v1(), &v2())).unwrap()
    );
    // The other way round, 410 back to 404 and a code added: still a status changed.
    let run = error_contract(&["diff", &new, &old]);
    assert_eq!(run.status, Some(1), "{run:?}");
}

#[test]
fn a_dash_reads_standard_input() {
    let dir = TempDir::new();
    let old = dir.catalog("old.json", &v1());
    let run = error_contract_with_stdin(&["diff", &old, "-"], &v2().to_json());
    assert_eq!(run.status, Some(1), "{run:?}");
    assert!(run.stdout.contains("invoice_not_found"), "{run:?}");
    let run = error_contract_with_stdin(&["check", "-"], "[]");
    assert_eq!(run.status, Some(2), "{run:?}");
    assert!(run.stderr.starts_with("error-contract: -: "), "{run:?}");
}

#[test]
fn unreadable_input_exits_2_naming_the_file() {
    let dir = TempDir::new();
    let good = dir.catalog("good.json", &v1());
    let missing = dir.path("missing.json");
    let not_json = dir.file("not-json.json", "<html>502 Bad Gateway</html>");
    let old_format = dir.file(
        "old-format.json",
        &format!(
            "{}\n",
            edited(&v1(), |json| {
                *json = json["codes"].take();
            })
        ),
    );
    let next_version = dir.file("v2.json", &edited(&v1(), |json| json["version"] = 2.into()));
    let duplicate = dir.file(
        "duplicate.json",
        &edited(&v1(), |json| {
            let first = codes(json)[0].clone();
            codes(json).push(first);
        }),
    );
    for (bad, says) in [
        (&missing, "cannot read"),
        (&not_json, "not JSON"),
        (&old_format, "format version 1"),
        (&next_version, "newer"),
        (&duplicate, "invoice_not_found"),
    ] {
        for args in [
            ["diff", bad.as_str(), good.as_str()].as_slice(),
            &["diff", &good, bad],
            &["diff", bad, bad, "--format", "json"],
            &["check", bad],
        ] {
            if args[0] == "check" && bad == &duplicate {
                continue; // `check` reports it: below
            }
            let run = error_contract(args);
            assert_eq!(run.status, Some(2), "{args:?}: {run:?}");
            assert_eq!(run.stdout, "", "{args:?}: {run:?}");
            let prefix = format!("error-contract: {bad}: ");
            assert!(run.stderr.starts_with(&prefix), "{args:?}: {run:?}");
            assert!(run.stderr.contains(says), "{args:?}: {run:?}");
            assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {run:?}");
        }
    }
}

#[test]
fn check_passes_a_catalogue_that_declares_each_code_once() {
    let dir = TempDir::new();
    let file = dir.catalog("catalog.json", &v1_1());
    let run = error_contract(&["check", &file]);
    assert_eq!(run.status, Some(0), "{run:?}");
    assert!(run.stdout.contains("3 codes"), "{run:?}");
}

#[test]
fn check_lists_every_code_or_alias_declared_twice_and_exits_1() {
    let dir = TempDir::new();
    // `quota_exceeded` keeps `invoice_not_found` as an alias, and `storage_error` the alias
    // `quota_exceeded`: a client could not tell them apart.
    let catalog = Catalog::new(vec![
        v1().specs()[0].clone(),
        ErrorSpec::new("storage_error", 500, RetryClass::Transient, "StorageError")
            .with_aliases(vec!["quota_exceeded".into()]),
        ErrorSpec::new("quota_exceeded", 429, RetryClass::Throttled, "QuotaError")
            .with_aliases(vec!["invoice_not_found".into()]),
    ]);
    let file = dir.catalog("catalog.json", &catalog);
    let run = error_contract(&["check", &file]);
    assert_eq!(run.status, Some(1), "{run:?}");
    let expected = catalog.check().unwrap_err();
    assert_eq!(
        run.stdout.lines().count(),
        expected.duplicates.len(),
        "{run:?}"
    );
    for code in ["invoice_not_found", "quota_exceeded"] {
        assert!(run.stdout.contains(code), "{run:?}");
    }
    assert!(
        run.stdout.contains(&format!(
            "{file}: `quota_exceeded` is declared by `StorageError` as an alias of `storage_error` and again by `QuotaError`\n"
        )),
        "{run:?}"
    );

    // A code declared twice, as it is.
    let twice = dir.file(
        "twice.json",
        &edited(&v1(), |json| {
            let first = codes(json)[0].clone();
            codes(json).push(first);
        }),
    );
    let run = error_contract(&["check", &twice]);
    assert_eq!(run.status, Some(1), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "{twice}: `invoice_not_found` is declared by `InvoiceError` and again by `InvoiceError`\n"
        ),
        "{run:?}"
    );
    assert_eq!(run.stderr, "", "{run:?}");
}

#[test]
fn bad_arguments_exit_2_with_the_usage() {
    let dir = TempDir::new();
    let file = dir.catalog("catalog.json", &v1());
    for args in [
        [].as_slice(),
        &["deploy"],
        &["diff", &file],
        &["diff", &file, &file, &file],
        &["diff", &file, &file, "--format"],
        &["diff", &file, &file, "--format", "yaml"],
        &["diff", &file, &file, "--colour"],
        &["check"],
        &["check", &file, &file],
    ] {
        let run = error_contract(args);
        assert_eq!(run.status, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}: {run:?}");
        assert!(
            run.stderr.starts_with("error-contract: "),
            "{args:?}: {run:?}"
        );
        assert!(run.stderr.contains("Usage:"), "{args:?}: {run:?}");
    }
}

#[test]
fn help_and_version() {
    for args in [
        ["--help"].as_slice(),
        &["-h"],
        &["help"],
        &["diff", "--help"],
    ] {
        let run = error_contract(args);
        assert_eq!(run.status, Some(0), "{args:?}: {run:?}");
        assert!(run.stdout.contains("Usage:"), "{run:?}");
        assert!(run.stdout.contains("Exit status:"), "{run:?}");
        assert_eq!(run.stderr, "", "{run:?}");
    }
    let run = error_contract(&["--version"]);
    assert_eq!(run.status, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!("error-contract {}\n", env!("CARGO_PKG_VERSION"))
    );
}

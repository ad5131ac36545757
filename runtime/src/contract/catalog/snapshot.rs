//! The CI gate: a type's catalogue against the one committed beside its tests.

use std::path::Path;

use super::Catalog;

/// The environment variable that accepts the current catalogue: set to `1`,
/// [`Catalog::assert_compatible_with`] writes it over the committed file.
pub const UPDATE_CATALOG_ENV: &str = "ERROR_CONTRACT_UPDATE_CATALOG";

impl Catalog {
    /// Fails (panics, as a test assertion does) when this catalogue breaks clients built
    /// against the one committed at `path`, the JSON of [`to_json`](Self::to_json): a CI gate
    /// for the error contract. Three lines in a crate's tests:
    ///
    /// ```no_run
    /// # use error_contract::CommonError as PartnerError;
    /// use error_contract::Catalog;
    ///
    /// #[test]
    /// fn the_error_contract_is_compatible() {
    ///     Catalog::of::<PartnerError>().assert_compatible_with("catalog.json");
    /// }
    /// ```
    ///
    /// A relative `path` is from the package's root, where `cargo test` runs its tests. Then:
    ///
    /// - **no file at `path`**: it is written, and the test passes; commit it. Under CI
    ///   (the `CI` environment variable set, as CI services set it, to anything but empty, `0`
    ///   or `false`) the test fails instead, asking for the file to be committed.
    /// - **a breaking change** (a code removed without an alias, a status or retry class
    ///   changed, a meta field removed or retyped, an alias removed: see [`Catalog::diff`]):
    ///   the test fails with the whole diff.
    /// - **additive or documentation changes only**: the test passes and prints the diff on
    ///   standard error (shown with `cargo test -- --nocapture`); the file is left alone, so it
    ///   changes only when someone accepts the new catalogue.
    /// - **`ERROR_CONTRACT_UPDATE_CATALOG=1`** ([`UPDATE_CATALOG_ENV`]): the diff is printed and
    ///   the file rewritten with this catalogue, breaking changes included; the test passes.
    ///   This is how a change is accepted: `ERROR_CONTRACT_UPDATE_CATALOG=1 cargo test`, then
    ///   review the file's diff and commit it with the change that caused it. A breaking
    ///   change is a new major version of the API.
    ///
    /// The file is [`to_json`](Self::to_json) and a newline, as a command that prints the
    /// catalogue with `println!` writes it.
    ///
    /// # Panics
    ///
    /// On a breaking change; when this catalogue declares a code twice
    /// ([`check`](Self::check)), since its file could not be read back; when the file at
    /// `path` is not a catalogue this version reads, or cannot be read or written; when it is
    /// missing under CI.
    #[track_caller]
    pub fn assert_compatible_with(&self, path: impl AsRef<Path>) {
        let env = Env {
            update: env_flag(UPDATE_CATALOG_ENV),
            ci: env_flag("CI"),
        };
        match self.gate(path.as_ref(), env) {
            Ok(None) => {}
            Ok(Some(note)) => eprintln!("{note}"),
            Err(failure) => panic!("{failure}"),
        }
    }

    /// The gate, with the environment as arguments: what to print when it passes, or why
    /// it fails.
    fn gate(&self, path: &Path, env: Env) -> Result<Option<String>, String> {
        let shown = path.display();
        if let Err(error) = self.check() {
            return Err(format!(
                "the error catalogue cannot be compared with {shown}: {error}"
            ));
        }
        let committed = match std::fs::read_to_string(path) {
            Ok(text) => Self::from_json(&text).map_err(|error| error.to_string()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return if env.update || !env.ci {
                    self.write_to(path, "wrote").map(Some)
                } else {
                    Err(format!(
                        "{shown} is missing: the error contract has no committed catalogue \
                         to be compared with.\n\nwrite it with {UPDATE_CATALOG_ENV}=1 cargo \
                         test, and commit it"
                    ))
                };
            }
            Err(error) => Err(format!("cannot read it: {error}")),
        };
        let committed = match committed {
            Ok(committed) => committed,
            Err(_) if env.update => return self.write_to(path, "rewrote").map(Some),
            Err(error) => {
                return Err(format!(
                    "{shown} is not an error catalogue this version of error-contract reads: \
                     {error}\n\nwrite the current one over it with {UPDATE_CATALOG_ENV}=1 \
                     cargo test, and commit it"
                ));
            }
        };
        let diff = Self::diff(&committed, self);
        if diff.is_empty() {
            return Ok(None);
        }
        let changes = with_newline(diff.to_string());
        if env.update {
            let wrote = self.write_to(path, "rewrote")?;
            return Ok(Some(format!(
                "error-contract: {shown}: accepted these changes:\n{changes}{wrote}"
            )));
        }
        if diff.is_breaking() {
            return Err(format!(
                "the error contract breaks clients built against {shown}:\n\n{changes}\n\
                 if the break is intended (a new major version of the API), accept it with \
                 {UPDATE_CATALOG_ENV}=1 cargo test and commit {shown}; otherwise keep the \
                 old code as an alias (#[api(alias = \"old_code\")]), and its status, retry \
                 class and meta fields"
            ));
        }
        Ok(Some(format!(
            "error-contract: {shown}: compatible changes, not recorded until accepted with \
             {UPDATE_CATALOG_ENV}=1 cargo test:\n{changes}"
        )))
    }

    /// Writes this catalogue at `path`: what to say about it.
    fn write_to(&self, path: &Path, done: &str) -> Result<String, String> {
        match std::fs::write(path, with_newline(self.to_json())) {
            Ok(()) => Ok(format!(
                "error-contract: {done} {}; commit it",
                path.display()
            )),
            Err(error) => Err(format!(
                "cannot write the error catalogue to {}: {error}",
                path.display()
            )),
        }
    }
}

/// What the environment asks of the gate.
#[derive(Debug, Clone, Copy)]
struct Env {
    /// [`UPDATE_CATALOG_ENV`] is set: accept the current catalogue.
    update: bool,
    /// `CI` is set: a missing file is a failure.
    ci: bool,
}

/// Whether the environment variable `name` is set to something other than empty, `0` or
/// `false`.
fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|value| !matches!(value.to_str(), Some("" | "0" | "false")))
}

fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{Catalog, Env, UPDATE_CATALOG_ENV};
    use crate::{ErrorSpec, RetryClass};

    const LOCAL: Env = Env {
        update: false,
        ci: false,
    };
    const CI: Env = Env {
        update: false,
        ci: true,
    };
    const UPDATE: Env = Env {
        update: true,
        ci: true,
    };

    /// A file path of its own in the system's temporary folder, removed when dropped.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new() -> Self {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let name = format!(
                "error-contract-snapshot-{}-{}.json",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            );
            let path = std::env::temp_dir().join(name);
            let _ = std::fs::remove_file(&path);
            Self(path)
        }

        fn holding(catalog: &Catalog) -> Self {
            let file = Self::new();
            std::fs::write(&file.0, format!("{}\n", catalog.to_json())).unwrap();
            file
        }

        fn text(&self) -> String {
            std::fs::read_to_string(&self.0).unwrap()
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn v1() -> Catalog {
        Catalog::new(vec![
            ErrorSpec::new(
                "invoice_not_found",
                404,
                RetryClass::Permanent,
                "InvoiceError",
            )
            .with_message("Invoice {0} not found."),
            ErrorSpec::new("storage_error", 500, RetryClass::Transient, "InvoiceError"),
        ])
    }

    /// v1 and a new code: an additive change.
    fn v1_1() -> Catalog {
        let mut specs = v1().specs().to_vec();
        specs.push(ErrorSpec::new(
            "quota_exceeded",
            429,
            RetryClass::Throttled,
            "InvoiceError",
        ));
        Catalog::new(specs)
    }

    /// v1 with `invoice_not_found` answering 410: a breaking change.
    fn v2() -> Catalog {
        let mut specs = v1().specs().to_vec();
        specs[0].status = 410;
        Catalog::new(specs)
    }

    #[test]
    fn a_missing_file_is_written_on_a_developer_machine() {
        let file = TempFile::new();
        let note = v1().gate(&file.0, LOCAL).unwrap().unwrap();
        assert!(
            note.contains("wrote") && note.contains("commit it"),
            "{note}"
        );
        assert_eq!(file.text(), format!("{}\n", v1().to_json()));
        // The file written is read back as the same catalogue: the next run passes silently.
        assert_eq!(v1().gate(&file.0, CI), Ok(None));
    }

    #[test]
    fn a_missing_file_fails_under_ci() {
        let file = TempFile::new();
        let failure = v1().gate(&file.0, CI).unwrap_err();
        assert!(failure.contains("is missing"), "{failure}");
        assert!(
            failure.contains(&format!("{UPDATE_CATALOG_ENV}=1 cargo test")),
            "{failure}"
        );
        assert!(!file.0.exists());
        v1().gate(&file.0, UPDATE).unwrap();
        assert_eq!(file.text(), format!("{}\n", v1().to_json()));
    }

    #[test]
    fn compatible_changes_pass_and_leave_the_file_alone() {
        let file = TempFile::holding(&v1());
        let before = file.text();
        let note = v1_1().gate(&file.0, CI).unwrap().unwrap();
        assert!(note.contains("quota_exceeded"), "{note}");
        assert!(note.contains(UPDATE_CATALOG_ENV), "{note}");
        assert_eq!(file.text(), before);
    }

    #[test]
    fn a_breaking_change_fails_with_the_whole_diff() {
        let file = TempFile::holding(&v1_1());
        let before = file.text();
        // One breaking change (404 to 410) and one removed code.
        let failure = v2().gate(&file.0, LOCAL).unwrap_err();
        assert!(failure.contains("breaks clients"), "{failure}");
        assert!(failure.contains("invoice_not_found"), "{failure}");
        assert!(failure.contains("quota_exceeded"), "{failure}");
        assert!(
            failure.contains(&format!("{UPDATE_CATALOG_ENV}=1 cargo test")),
            "{failure}"
        );
        assert_eq!(file.text(), before);
    }

    #[test]
    fn the_update_variable_accepts_a_breaking_change() {
        let file = TempFile::holding(&v1());
        let note = v2().gate(&file.0, UPDATE).unwrap().unwrap();
        assert!(
            note.contains("accepted") && note.contains("invoice_not_found"),
            "{note}"
        );
        assert_eq!(file.text(), format!("{}\n", v2().to_json()));
        assert_eq!(v2().gate(&file.0, CI), Ok(None));
    }

    #[test]
    fn a_file_that_is_not_a_catalogue_fails_unless_updating() {
        let file = TempFile::new();
        std::fs::write(&file.0, "not json").unwrap();
        let failure = v1().gate(&file.0, LOCAL).unwrap_err();
        assert!(failure.contains("is not an error catalogue"), "{failure}");
        assert_eq!(file.text(), "not json");
        v1().gate(&file.0, UPDATE).unwrap();
        assert_eq!(file.text(), format!("{}\n", v1().to_json()));
    }

    #[test]
    fn a_catalogue_with_a_duplicate_code_is_not_compared() {
        let file = TempFile::new();
        let mut specs = v1().specs().to_vec();
        specs.push(specs[0].clone());
        let failure = Catalog::new(specs).gate(&file.0, UPDATE).unwrap_err();
        assert!(failure.contains("invoice_not_found"), "{failure}");
        assert!(!file.0.exists());
    }
}

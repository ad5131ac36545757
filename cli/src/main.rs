//! `error-contract`: the error catalogue's command line, for CI.
//!
//! - `error-contract diff OLD.json NEW.json [--format text|markdown|json]` prints every change
//!   between two catalogues (`Catalog::to_json`) and exits 1 when one of them breaks a client;
//! - `error-contract check FILE.json` reads one catalogue and exits 1 when a code or an alias
//!   is declared twice.
//!
//! Exit codes: 0 nothing breaks (or nothing is duplicated), 1 something does, 2 the input
//! could not be read or the arguments are wrong. README.md has the details.

use std::fmt::Write as _;
use std::io::{self, Read as _, Write as _};
use std::process::ExitCode;

use error_contract::{Catalog, CatalogError};

const USAGE: &str = "\
error-contract: compare and check error catalogues (the JSON of error_contract::Catalog::to_json)

Usage:
  error-contract diff OLD.json NEW.json [--format text|markdown|json]
      every change from OLD to NEW, each breaking, additive or docs
  error-contract check FILE.json
      the codes and aliases declared more than once
  error-contract --help | --version

A file named - is read from standard input.

Exit status:
  0  nothing breaks (diff), nothing is declared twice (check)
  1  a change breaks clients (diff), a code or alias is declared twice (check)
  2  a file cannot be read: missing, not JSON, not a catalogue, another format version,
     or (diff) a code or alias declared twice; or the arguments are wrong
";

/// Something breaks, or is declared twice.
const FOUND: u8 = 1;
/// The input cannot be read, or the arguments are wrong.
const UNUSABLE: u8 = 2;

/// How `diff` prints the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// One line per change (`CatalogDiff`'s `Display`).
    Text,
    /// A Markdown section for a pull request or a changelog.
    Markdown,
    /// The changes as JSON, for other tools.
    Json,
}

impl Format {
    fn parse(name: &str) -> Result<Self, String> {
        match name {
            "text" => Ok(Self::Text),
            "markdown" | "md" => Ok(Self::Markdown),
            "json" => Ok(Self::Json),
            _ => Err(format!("--format {name}: expected text, markdown or json")),
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Diff {
        old: String,
        new: String,
        format: Format,
    },
    Check {
        file: String,
    },
    Help,
    Version,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    if words.iter().any(|word| matches!(*word, "--help" | "-h")) {
        return Ok(Command::Help);
    }
    match words.as_slice() {
        [] => Err(String::from("no command given")),
        ["help"] => Ok(Command::Help),
        ["--version" | "-V"] => Ok(Command::Version),
        ["diff", rest @ ..] => parse_diff(rest),
        ["check", rest @ ..] => match positionals(rest)?.as_slice() {
            [file] => Ok(Command::Check {
                file: (*file).to_owned(),
            }),
            files => Err(format!("check takes one file, not {}", count(files.len()))),
        },
        [command, ..] => Err(format!("unknown command `{command}`")),
    }
}

fn parse_diff(words: &[&str]) -> Result<Command, String> {
    let mut format = None;
    let mut files = Vec::with_capacity(2);
    let mut rest = words.iter();
    while let Some(&word) = rest.next() {
        let name = if word == "--format" {
            *rest
                .next()
                .ok_or("--format needs a value: text, markdown or json")?
        } else if let Some(name) = word.strip_prefix("--format=") {
            name
        } else {
            files.extend(positionals(&[word])?);
            continue;
        };
        if format.replace(Format::parse(name)?).is_some() {
            return Err(String::from("--format is given twice"));
        }
    }
    match files.as_slice() {
        [old, new] => Ok(Command::Diff {
            old: (*old).to_owned(),
            new: (*new).to_owned(),
            format: format.unwrap_or(Format::Text),
        }),
        files => Err(format!(
            "diff takes two files, OLD.json and NEW.json, not {}",
            count(files.len())
        )),
    }
}

/// The words that name files: every one that is not an option (`-` is standard input).
fn positionals<'a>(words: &[&'a str]) -> Result<Vec<&'a str>, String> {
    words
        .iter()
        .map(|&word| {
            if word.starts_with('-') && word != "-" {
                Err(format!("unknown option `{word}`"))
            } else {
                Ok(word)
            }
        })
        .collect()
}

fn count(files: usize) -> String {
    match files {
        0 => String::from("none"),
        1 => String::from("one"),
        n => n.to_string(),
    }
}

/// A failure that ends the command with status 2, already worded for the user.
struct Unusable(String);

/// The text of `file` (`-` for standard input), or why it cannot be read, naming the file.
fn read_text(file: &str) -> Result<String, Unusable> {
    if file == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map(|_| text)
            .map_err(|error| Unusable(format!("{file}: cannot read standard input: {error}")))
    } else {
        std::fs::read_to_string(file)
            .map_err(|error| Unusable(format!("{file}: cannot read: {error}")))
    }
}

/// The catalogue in `file`, or why it cannot be read, naming the file.
fn read(file: &str) -> Result<Catalog, Unusable> {
    Catalog::from_json(&read_text(file)?).map_err(|error| Unusable(format!("{file}: {error}")))
}

/// Runs `command`: what to print on standard output, and the exit status.
fn run(command: Command) -> Result<(String, u8), Unusable> {
    match command {
        Command::Help => Ok((USAGE.to_owned(), 0)),
        Command::Version => Ok((format!("error-contract {}\n", env!("CARGO_PKG_VERSION")), 0)),
        Command::Diff { old, new, format } => {
            let diff = Catalog::diff(&read(&old)?, &read(&new)?);
            let mut out = match format {
                Format::Text => diff.to_string(),
                Format::Markdown => diff.markdown(),
                Format::Json => serde_json::to_string_pretty(&diff)
                    .map_err(|error| Unusable(format!("cannot write the diff as JSON: {error}")))?,
            };
            if !out.ends_with('\n') {
                out.push('\n');
            }
            Ok((out, if diff.is_breaking() { FOUND } else { 0 }))
        }
        Command::Check { file } => {
            // `from_json` refuses a catalogue that declares a name twice, as `check` would:
            // that refusal is what this command reports, every other one is unreadable input.
            let catalog = match Catalog::from_json(&read_text(&file)?) {
                Ok(catalog) => catalog,
                Err(error) => {
                    let Some(found) = error.duplicates() else {
                        return Err(Unusable(format!("{file}: {error}")));
                    };
                    return Ok((duplicates(&file, found), FOUND));
                }
            };
            match catalog.check() {
                Ok(()) => Ok((
                    format!(
                        "{file}: {} codes, each code and alias declared once\n",
                        catalog.specs().len()
                    ),
                    0,
                )),
                Err(found) => Ok((duplicates(&file, &found), FOUND)),
            }
        }
    }
}

/// One line per name declared twice: ``FILE: `gone` is declared by `A` and again by `B` as an
/// alias of `removed` ``.
fn duplicates(file: &str, found: &CatalogError) -> String {
    let mut out = String::new();
    for duplicate in &found.duplicates {
        let _ = write!(
            out,
            "{file}: `{}` is declared by `{}`",
            duplicate.code, duplicate.first
        );
        if let Some(code) = &duplicate.first_alias_of {
            let _ = write!(out, " as an alias of `{code}`");
        }
        let _ = write!(out, " and again by `{}`", duplicate.second);
        if let Some(code) = &duplicate.second_alias_of {
            let _ = write!(out, " as an alias of `{code}`");
        }
        out.push('\n');
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("error-contract: {error}\n\n{USAGE}");
            return ExitCode::from(UNUSABLE);
        }
    };
    match run(command) {
        Ok((out, status)) => {
            let mut stdout = io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A reader that stopped early (`| head`) has what it wanted.
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                    eprintln!("error-contract: cannot write the output: {error}");
                    ExitCode::from(UNUSABLE)
                }
                _ => ExitCode::from(status),
            }
        }
        Err(Unusable(error)) => {
            eprintln!("error-contract: {error}");
            ExitCode::from(UNUSABLE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, String> {
        let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse(&words)
    }

    fn diff(old: &str, new: &str, format: Format) -> Command {
        Command::Diff {
            old: old.to_owned(),
            new: new.to_owned(),
            format,
        }
    }

    #[test]
    fn commands() {
        assert_eq!(parse_line("diff a b"), Ok(diff("a", "b", Format::Text)));
        assert_eq!(
            parse_line("diff --format markdown a b"),
            Ok(diff("a", "b", Format::Markdown))
        );
        assert_eq!(
            parse_line("diff a --format=json -"),
            Ok(diff("a", "-", Format::Json))
        );
        assert_eq!(
            parse_line("check a.json"),
            Ok(Command::Check {
                file: "a.json".to_owned()
            })
        );
        assert_eq!(parse_line("--version"), Ok(Command::Version));
        assert_eq!(parse_line("diff a b --help"), Ok(Command::Help));
    }

    #[test]
    fn mistakes_say_what_is_wrong() {
        for (line, expected) in [
            ("", "no command given"),
            ("deploy", "unknown command `deploy`"),
            (
                "diff a",
                "diff takes two files, OLD.json and NEW.json, not one",
            ),
            ("diff a b c", "not 3"),
            ("diff a b --format", "--format needs a value"),
            (
                "diff a b --format yaml",
                "--format yaml: expected text, markdown or json",
            ),
            (
                "diff a b --format json --format text",
                "--format is given twice",
            ),
            ("diff a b --color", "unknown option `--color`"),
            ("check", "check takes one file, not none"),
            ("check a b", "check takes one file, not 2"),
            ("check --format json a", "unknown option `--format`"),
        ] {
            let error = parse_line(line).unwrap_err();
            assert!(error.contains(expected), "{line:?}: {error}");
        }
    }
}

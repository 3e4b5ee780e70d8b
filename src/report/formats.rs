//! The names of the output formats `--format` and the `format` key of `citegrade.toml` accept,
//! and which of them print on stdout and which are report files written into `--out`.

use std::fmt;

/// One output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// rustc-style diagnostics on stdout, with the source line and a caret: the default.
    Full,
    /// `path:line:column: CODE [severity] message` on stdout.
    Concise,
    /// GitHub Actions workflow commands on stdout.
    Github,
    /// One JSON object per finding on stdout.
    Jsonl,
    /// `citegrade.json` in `--out`: every article, reference, citation and finding.
    Json,
    /// `citegrade.sarif` in `--out`: SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// `junit.xml` in `--out`: one test suite per article, one test case per finding.
    Junit,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 7] = [
        Format::Full,
        Format::Concise,
        Format::Github,
        Format::Jsonl,
        Format::Json,
        Format::Sarif,
        Format::Junit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Full => "full",
            Format::Concise => "concise",
            Format::Github => "github",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
        }
    }

    /// The format a name (any case) names.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The report file this format writes into `--out`; `None` for a format printed on stdout.
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            Format::Full | Format::Concise | Format::Github | Format::Jsonl => None,
            Format::Json => Some("citegrade.json"),
            Format::Sarif => Some("citegrade.sarif"),
            Format::Junit => Some("junit.xml"),
        }
    }

    /// Every name, comma-separated, for messages.
    pub fn names() -> String {
        Format::ALL.map(Format::name).join(", ")
    }

    /// The names of the formats that print on stdout, for messages.
    fn stdout_names() -> String {
        Format::ALL
            .into_iter()
            .filter(|f| f.file_name().is_none())
            .map(Format::name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The formats of one run: at most one printed on stdout, any number of report files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Formats {
    /// The format findings print in; `None` keeps the default.
    pub stdout: Option<Format>,
    /// Report formats written into `--out`, each once, in `Format::ALL` order.
    pub reports: Vec<Format>,
}

impl Formats {
    /// Sort a list of formats (as `--format` or `format = [...]` give it) into stdout and
    /// reports. Two stdout formats cannot both print, so asking for them is an error.
    pub fn from_list(formats: &[Format]) -> Result<Formats, String> {
        let (mut stdout, mut reports): (Vec<Format>, Vec<Format>) =
            formats.iter().partition(|f| f.file_name().is_none());
        for list in [&mut stdout, &mut reports] {
            list.sort();
            list.dedup();
        }
        if stdout.len() > 1 {
            let asked: Vec<&str> = stdout.iter().map(|f| f.name()).collect();
            return Err(format!(
                "formats {} cannot both print on stdout: choose one of {}",
                asked.join(" and "),
                Format::stdout_names()
            ));
        }
        Ok(Formats {
            stdout: stdout.first().copied(),
            reports,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("SARIF"), Some(Format::Sarif));
        assert_eq!(Format::from_name("xml"), None);
    }

    #[test]
    fn a_list_splits_into_stdout_and_reports() {
        use Format::*;
        let formats = Formats::from_list(&[Junit, Github, Sarif, Junit]).unwrap();
        assert_eq!(formats.stdout, Some(Github));
        assert_eq!(formats.reports, [Sarif, Junit]);
        let reports_only = Formats::from_list(&[Json]).unwrap();
        assert_eq!(reports_only.stdout, None);
        // The same stdout format twice is still one.
        assert!(Formats::from_list(&[Jsonl, Jsonl]).is_ok());
        let err = Formats::from_list(&[Github, Json, Jsonl]).unwrap_err();
        assert!(err.contains("github and jsonl"), "{err}");
    }
}

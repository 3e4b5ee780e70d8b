//! What the tagged-line bibliography readers (RIS, MEDLINE) share: cleaning values, reading the
//! partial dates both formats write, normalising DOIs and names, and building the problems they
//! report. Each format keeps its own grammar in its own module.

use crate::model::{InputProblem, InputProblemKind, Person, Position};

/// A date as far as the source gives it: "2015", "2015 Mar", "2015/03/12/".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Lines of `text` numbered from 1, without a leading byte-order mark or trailing `\r`.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .enumerate()
        .map(|(index, line)| (index + 1, line))
}

/// Whitespace folded to single spaces; `None` when nothing is left.
pub fn fold(value: &str) -> Option<String> {
    let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// A title without the period MEDLINE and many exporters end it with.
pub fn clean_title(value: &str) -> Option<String> {
    let folded = fold(value)?;
    let trimmed = match folded.strip_suffix('.') {
        // An ellipsis is part of the title.
        Some(rest) if !rest.ends_with('.') => rest.trim_end(),
        _ => folded.as_str(),
    };
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A DOI in its bare `10.xxxx/...` form. Resolver URLs and `doi:` prefixes are removed; a value
/// that still does not look like a DOI is kept as written rather than dropped.
pub fn normalise_doi(value: &str) -> Option<String> {
    let mut rest = value.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = DOI_PREFIXES.iter().find(|p| lower.starts_with(*p));
        match prefix {
            Some(p) => rest = rest[p.len()..].trim_start(),
            None => break,
        }
    }
    fold(rest)
}

/// Prefixes that wrap a DOI, in lower case; longer forms first.
const DOI_PREFIXES: &[&str] = &[
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "https://doi.org/",
    "http://doi.org/",
    "dx.doi.org/",
    "doi.org/",
    "doi:",
    "doi ",
];

/// The DOI inside a resolver URL, when `url` is one.
pub fn doi_from_url(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let is_resolver = DOI_PREFIXES[..6].iter().any(|p| lower.starts_with(p));
    is_resolver
        .then(|| normalise_doi(url))
        .flatten()
        .filter(|doi| doi.starts_with("10."))
}

/// A PMCID as `PMC123`, whether or not the source wrote the prefix.
pub fn normalise_pmcid(value: &str) -> Option<String> {
    let value = value.trim();
    let digits = value
        .get(..3)
        .filter(|p| p.eq_ignore_ascii_case("pmc"))
        .map_or(value, |_| &value[3..]);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("PMC{digits}"))
    } else {
        fold(value)
    }
}

/// "Family, Given" as most exports write names; "Family AB" (initials last) as MEDLINE's `AU`
/// and some RIS exports do; anything else is kept whole as the family name.
pub fn parse_person(value: &str) -> Option<Person> {
    let value = fold(value)?;
    if let Some((family, given)) = value.split_once(',') {
        let family = family.trim();
        if !family.is_empty() {
            return Some(Person {
                family: family.to_string(),
                given: fold(given),
            });
        }
    }
    if let Some((family, initials)) = value.rsplit_once(' ') {
        if looks_like_initials(initials) {
            return Some(Person {
                family: family.to_string(),
                given: Some(initials.to_string()),
            });
        }
    }
    Some(Person {
        family: value,
        given: None,
    })
}

/// "AB", "A.B.", "J-P": upper-case letters with dots or hyphens, at most four letters.
fn looks_like_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-')
}

/// Month number for "Mar", "march", "MAR" or "3"; `None` for seasons and anything else.
pub fn month_number(word: &str) -> Option<u8> {
    let word = word.trim().trim_end_matches('.');
    if let Ok(n) = word.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let lower = word.to_lowercase();
    let prefix = lower.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u8::try_from(i + 1).ok())
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A four-digit year; two-digit and other forms are not guessed at.
pub fn year(word: &str) -> Option<i32> {
    let word = word.trim();
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// A day of the month, 1 to 31.
pub fn day(word: &str) -> Option<u8> {
    word.trim()
        .parse::<u8>()
        .ok()
        .filter(|d| (1..=31).contains(d))
}

/// A problem at the start of line `line`.
pub fn problem(
    kind: InputProblemKind,
    line: usize,
    message: String,
    reference: Option<String>,
) -> InputProblem {
    InputProblem {
        kind,
        position: Position::new(line, 1),
        message,
        reference,
        source: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_one_trailing_period_but_keep_an_ellipsis() {
        assert_eq!(
            clean_title("A  trial\n of X. ").as_deref(),
            Some("A trial of X")
        );
        assert_eq!(clean_title("Why now...").as_deref(), Some("Why now..."));
        assert_eq!(clean_title(" . "), None);
    }

    #[test]
    fn dois_are_bare() {
        for written in [
            "10.1177/2325967120950040",
            "http://dx.doi.org/10.1177/2325967120950040",
            "https://doi.org/10.1177/2325967120950040",
            "doi: 10.1177/2325967120950040",
        ] {
            assert_eq!(
                normalise_doi(written).as_deref(),
                Some("10.1177/2325967120950040")
            );
        }
        assert_eq!(normalise_doi("whatever").as_deref(), Some("whatever"));
        assert_eq!(
            doi_from_url("http://dx.doi.org/10.1023/A:1017379030770").as_deref(),
            Some("10.1023/A:1017379030770")
        );
        assert_eq!(doi_from_url("http://example.com/10.1/x"), None);
    }

    #[test]
    fn names_split_on_comma_or_trailing_initials() {
        let person = |f: &str, g: Option<&str>| Person {
            family: f.to_string(),
            given: g.map(str::to_string),
        };
        assert_eq!(parse_person("Shi,Yu "), Some(person("Shi", Some("Yu"))));
        assert_eq!(
            parse_person("van der Berg JP"),
            Some(person("van der Berg", Some("JP")))
        );
        assert_eq!(
            parse_person("Fanning E."),
            Some(person("Fanning", Some("E.")))
        );
        assert_eq!(parse_person("Selvamani"), Some(person("Selvamani", None)));
        assert_eq!(
            parse_person("UK700 Group"),
            Some(person("UK700 Group", None))
        );
    }

    #[test]
    fn months_and_pmcids() {
        assert_eq!(month_number("Mar"), Some(3));
        assert_eq!(month_number("SEPTEMBER"), Some(9));
        assert_eq!(month_number("09"), Some(9));
        assert_eq!(month_number("Spring"), None);
        assert_eq!(month_number("00"), None);
        assert_eq!(normalise_pmcid("6055010").as_deref(), Some("PMC6055010"));
        assert_eq!(normalise_pmcid("pmc6055010").as_deref(), Some("PMC6055010"));
    }
}

//! Free-text reference strings: "1. Smith AB, Jones C. Title. Journal. 2015;3(2):1-9."
//!
//! The Vancouver/AMA layout is split into authors, title, container and the publication part;
//! identifiers (DOI, PMID, PMCID, URL) are taken out first wherever they stand. Anything that
//! does not fit stays in `raw`, so nothing the author wrote is lost.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Person, Reference};

static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:\bdoi:?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s"<>]+)"#)
        .expect("doi pattern compiles")
});
static PMID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bPMID:?\s*(\d{1,9})\b").expect("pmid pattern compiles"));
static PMCID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bPMCID:?\s*(PMC\d+)|\b(PMC\d{4,})\b").expect("pmcid"));
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s<>]+").expect("url pattern compiles"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(1[6-9]\d{2}|20\d{2})[a-z]?\b").expect("year pattern"));
/// "2015;3(2):1-9" after the container.
static PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(1[6-9]\d{2}|20\d{2})[^;:]*(?:;\s*([^(:\s]+)?\s*(?:\(([^)]*)\))?)?(?::\s*([\w\u{2013}-]+))?")
        .expect("publication pattern compiles")
});
/// "Journal name, 2015" — the venue line of the labelled layout.
static VENUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?),\s*(1[6-9]\d{2}|20\d{2})\.?$").expect("venue pattern compiles")
});
/// "Smith AB" or "van der Berg J-P": a Vancouver author.
static VANCOUVER_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}'\- ]*?)\s+(\p{Lu}{1,4}(?:-\p{Lu})?)$").expect("author pattern")
});

/// Parse "Journal, Year" into (container, year), when the line has that shape.
pub fn parse_venue(line: &str) -> Option<(String, i32)> {
    let caps = VENUE.captures(line.trim())?;
    let year = caps.get(2)?.as_str().parse().ok()?;
    Some((caps.get(1)?.as_str().trim().to_string(), year))
}

/// Parse one free-text reference. `key` is its number or label in the list.
pub fn parse(key: &str, text: &str) -> Reference {
    let raw = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut reference = Reference {
        key: key.to_string(),
        raw: raw.clone(),
        ..Reference::default()
    };
    let rest = take_identifiers(&raw, &mut reference);
    let segments = split_segments(&rest);
    let mut segments = segments.iter().map(String::as_str).peekable();
    if let Some(first) = segments.peek() {
        if let Some(authors) = parse_authors(first) {
            reference.authors = authors;
            segments.next();
        }
    }
    reference.title = segments.next().map(clean_title).filter(|t| !t.is_empty());
    let tail: Vec<&str> = segments.collect();
    if let Some((container, publication)) = split_container(&tail) {
        reference.container = container;
        fill_publication(&mut reference, &publication);
    }
    if reference.year.is_none() {
        reference.year = YEAR
            .captures(&rest)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
    }
    reference
}

/// Remove DOI, PMID, PMCID and URL from the string, storing them on the reference.
fn take_identifiers(raw: &str, reference: &mut Reference) -> String {
    let mut rest = raw.to_string();
    if let Some(caps) = DOI.captures(raw) {
        let doi = caps[1].trim_end_matches(['.', ',', ';', ')']).to_string();
        rest = rest.replace(&caps[0], "");
        reference.doi = Some(doi);
    }
    if let Some(caps) = PMCID.captures(&rest.clone()) {
        if let Some(m) = caps.get(1).or_else(|| caps.get(2)) {
            reference.pmcid = Some(m.as_str().to_uppercase());
        }
        rest = rest.replace(&caps[0], "");
    }
    if let Some(caps) = PMID.captures(&rest.clone()) {
        reference.pmid = Some(caps[1].to_string());
        rest = rest.replace(&caps[0], "");
    }
    if let Some(m) = URL.find(&rest.clone()) {
        reference.url = Some(m.as_str().trim_end_matches(['.', ',', ';']).to_string());
        rest = rest.replace(m.as_str(), "");
    }
    rest.trim()
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string()
}

/// Split on ". " and "? " boundaries that are not abbreviations or initials.
fn split_segments(text: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let at_boundary = matches!(c, '.' | '?' | '!')
            && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
            && !ends_with_abbreviation(&current);
        if at_boundary {
            let segment = current.trim().trim_end_matches('.').trim().to_string();
            if !segment.is_empty() {
                segments.push(segment);
            }
            current.clear();
        }
    }
    let last = current.trim().trim_end_matches('.').trim();
    if !last.is_empty() {
        segments.push(last.to_string());
    }
    segments
}

fn ends_with_abbreviation(segment: &str) -> bool {
    let word = segment
        .trim_end_matches('.')
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "e.g" | "i.e" | "vs" | "no" | "vol" | "st" | "ed" | "eds"
    )
}

/// "Smith AB, Jones C, et al" -> people; `None` when the segment is not an author list.
fn parse_authors(segment: &str) -> Option<Vec<Person>> {
    let mut people = Vec::new();
    for part in segment.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if part.eq_ignore_ascii_case("et al") || part.eq_ignore_ascii_case("et al.") {
            continue;
        }
        let caps = VANCOUVER_AUTHOR.captures(part)?;
        people.push(Person {
            family: caps[1].trim().to_string(),
            given: Some(caps[2].to_string()),
        });
    }
    (!people.is_empty()).then_some(people)
}

fn clean_title(segment: &str) -> String {
    segment.trim().trim_end_matches('.').trim().to_string()
}

/// The container is the segment before the one holding the year ("Journal. 2015;3:1-9").
fn split_container(tail: &[&str]) -> Option<(Option<String>, String)> {
    let year_at = tail.iter().position(|s| YEAR.is_match(s))?;
    let publication = tail[year_at..].join(". ");
    if year_at == 0 {
        // "Journal 2015;3:1-9": the container runs up to the year.
        let m = YEAR.find(tail[0])?;
        let container = tail[0][..m.start()].trim().trim_end_matches([',', '.']);
        let container = (!container.is_empty()).then(|| container.to_string());
        return Some((container, tail[0][m.start()..].to_string()));
    }
    Some((Some(tail[..year_at].join(". ")), publication))
}

fn fill_publication(reference: &mut Reference, publication: &str) {
    let Some(caps) = PUBLICATION.captures(publication) else {
        return;
    };
    reference.year = caps.get(1).and_then(|m| m.as_str().parse().ok());
    reference.volume = caps.get(2).map(|m| m.as_str().to_string());
    reference.issue = caps.get(3).map(|m| m.as_str().to_string());
    reference.pages = caps.get(4).map(|m| m.as_str().to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vancouver_reference() {
        let r = parse(
            "1",
            "Attal N, Cruccu G, Baron R, et al. EFNS guidelines on the pharmacological treatment of neuropathic pain: 2010 revision. Eur J Neurol. 2010;17(9):1113-e88. doi:10.1111/j.1468-1331.2010.02999.x. PMID: 20402746.",
        );
        assert_eq!(r.authors.len(), 3);
        assert_eq!(r.authors[0].family, "Attal");
        assert_eq!(r.authors[0].given.as_deref(), Some("N"));
        assert_eq!(
            r.title.as_deref(),
            Some("EFNS guidelines on the pharmacological treatment of neuropathic pain: 2010 revision")
        );
        assert_eq!(r.container.as_deref(), Some("Eur J Neurol"));
        assert_eq!(r.year, Some(2010));
        assert_eq!(r.volume.as_deref(), Some("17"));
        assert_eq!(r.issue.as_deref(), Some("9"));
        assert_eq!(r.pages.as_deref(), Some("1113-e88"));
        assert_eq!(r.doi.as_deref(), Some("10.1111/j.1468-1331.2010.02999.x"));
        assert_eq!(r.pmid.as_deref(), Some("20402746"));
    }

    #[test]
    fn title_without_authors() {
        let r = parse(
            "2",
            "Stellate ganglion block for pain. Pain Pract. 2024;24:1-8.",
        );
        assert!(r.authors.is_empty());
        assert_eq!(r.title.as_deref(), Some("Stellate ganglion block for pain"));
        assert_eq!(r.container.as_deref(), Some("Pain Pract"));
        assert_eq!(r.year, Some(2024));
    }

    #[test]
    fn question_titles_keep_their_mark() {
        let r = parse("3", "Lee K. Does it work? BMJ. 2019;365:l1.");
        assert_eq!(r.title.as_deref(), Some("Does it work?"));
        assert_eq!(r.container.as_deref(), Some("BMJ"));
    }

    #[test]
    fn unparseable_text_is_kept_raw() {
        let r = parse("4", "personal communication");
        assert_eq!(r.title.as_deref(), Some("personal communication"));
        assert_eq!(r.year, None);
        assert_eq!(r.raw, "personal communication");
    }

    #[test]
    fn venue_lines() {
        assert_eq!(
            parse_venue("Pacing and clinical electrophysiology : PACE, 1991"),
            Some(("Pacing and clinical electrophysiology : PACE".into(), 1991))
        );
        assert_eq!(parse_venue("Stellate ganglion block."), None);
    }
}
pub fn parse_list(_: &str) -> super::Parsed {
    Default::default()
}

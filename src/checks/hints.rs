//! "Did you mean": what the editor most likely meant by a citation that does not match the
//! list. The commonest cause in practice is a reference dropped from a numbered list, which
//! shifts every later number by one; the hints look for exactly that pattern.

use crate::model::{Article, Citation, CitationStatus};

fn reference_year(article: &Article, key: &str) -> Option<i32> {
    article
        .references
        .iter()
        .find(|r| r.key == key)
        .and_then(|r| r.year)
}

fn keys_from_year(article: &Article, year: i32) -> Vec<&str> {
    article
        .references
        .iter()
        .filter(|r| r.year == Some(year))
        .map(|r| r.key.as_str())
        .collect()
}

fn offset_key(key: &str, delta: i64) -> Option<String> {
    let n: i64 = key.parse().ok()?;
    (n + delta >= 1).then(|| (n + delta).to_string())
}

/// A citation elsewhere in the text with this key whose stated year matches no reference.
fn missing_year_cited_as<'a>(article: &'a Article, key: &str) -> Option<&'a Citation> {
    article.citations.iter().find(|c| {
        c.key == key
            && c.status == CitationStatus::YearMismatch
            && c.stated_year
                .is_some_and(|y| keys_from_year(article, y).is_empty())
    })
}

/// What a dangling citation most likely meant.
pub fn for_dangling(article: &Article, citation: &Citation) -> String {
    let count = article.references.len();
    let previous = offset_key(&citation.key, -1);
    if let (Some(year), Some(previous)) = (citation.stated_year, previous.as_deref()) {
        if reference_year(article, previous) == Some(year) {
            let mut hint = format!("the year {year} matches reference {previous}");
            match missing_year_cited_as(article, previous) {
                Some(other) => hint.push_str(&format!(
                    ", and the {} study cited as {previous} is not in the list: a reference seems to have been dropped after reference {}, shifting the numbering by one",
                    other.stated_year.unwrap_or_default(),
                    offset_key(previous, -1).unwrap_or_else(|| "0".into()),
                )),
                None => hint.push_str("; the numbering may be shifted by one"),
            }
            return hint;
        }
    }
    if let Some(year) = citation.stated_year {
        let keys = keys_from_year(article, year);
        if !keys.is_empty() {
            return format!("the year {year} matches reference {}", keys.join(", "));
        }
    }
    format!(
        "the list has {count} reference{}",
        if count == 1 { "" } else { "s" }
    )
}

/// What a citation whose stated year differs from its reference's most likely meant.
pub fn for_mismatch(article: &Article, citation: &Citation, actual: i32) -> String {
    let Some(stated) = citation.stated_year else {
        return String::new();
    };
    let keys: Vec<&str> = keys_from_year(article, stated)
        .into_iter()
        .filter(|k| *k != citation.key)
        .collect();
    if !keys.is_empty() {
        let mut hint = format!("the year {stated} matches reference {}", keys.join(", "));
        if let [other] = keys.as_slice() {
            let swapped = article
                .citations
                .iter()
                .any(|c| c.key == *other && c.stated_year == Some(actual));
            if swapped {
                hint.push_str(&format!(
                    ", and the text cites a {actual} study as {other}: references {} and {other} look swapped",
                    citation.key
                ));
            }
        }
        return hint;
    }
    let mut hint = format!("no reference in the list is from {stated}");
    let next = offset_key(&citation.key, 1);
    let shifted = next.as_deref().and_then(|next| {
        article
            .citations
            .iter()
            .find(|c| c.key == next && c.stated_year == Some(actual))
            .map(|_| next)
    });
    if let Some(next) = shifted {
        hint.push_str(&format!(
            ", and the text cites the {actual} study as {next}: a {stated} study seems to be missing from the list, shifting the numbering after reference {} by one",
            offset_key(&citation.key, -1).unwrap_or_else(|| "0".into()),
        ));
    }
    hint
}

//! "Did you mean": what the editor most likely meant by a citation that does not match the
//! list. The commonest cause in practice is a reference dropped from a numbered list, which
//! shifts every later number by one; the hints look for exactly that pattern. Author-year
//! citations get the author's works in the list, a near spelling of the name, or the first
//! author of a paper whose co-author the text named; keys get the nearest key in the list.

use crate::model::{Article, Citation, CitationStatus, Reference};
use crate::resolve::{first_author, fold_name, suffix_index};

/// Most edits between two spellings of a name or key that still read as a typo.
const MAX_TYPO_EDITS: usize = 2;
/// Shortest name or key a typo is looked for in (shorter ones are all near each other).
const MIN_TYPO_CHARS: usize = 4;
/// Most references one hint names.
const MAX_NAMED: usize = 3;

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
    if let Some(author) = &citation.author {
        return author_year_dangling(article, citation, author);
    }
    if citation.key.parse::<u32>().is_err() {
        if let Some(hint) = near_key(article, &citation.key) {
            return hint;
        }
    }
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
    if let Some(author) = &citation.author {
        return author_year_mismatch(article, author, stated);
    }
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

/// "Smith, 2015 (reference smith2015)".
fn describe(reference: &Reference) -> String {
    format!(
        "{}, {} (reference {})",
        first_author(reference).unwrap_or_else(|| "anonymous".into()),
        reference
            .year
            .map_or_else(|| "n.d.".to_string(), |y| y.to_string()),
        reference.key
    )
}

/// "A, B and C", naming at most [`MAX_NAMED`].
fn join_named(items: &[String]) -> String {
    let shown = &items[..items.len().min(MAX_NAMED)];
    let mut text = match shown {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    if items.len() > MAX_NAMED {
        text.push_str(&format!(" (and {} more)", items.len() - MAX_NAMED));
    }
    text
}

/// The references whose first author folds to `name`, in list order.
fn works_by<'a>(article: &'a Article, name: &str) -> Vec<&'a Reference> {
    article
        .references
        .iter()
        .filter(|r| first_author(r).is_some_and(|f| fold_name(&f) == name))
        .collect()
}

fn is_typo(a: &str, b: &str) -> bool {
    a != b
        && a.chars().count().min(b.chars().count()) >= MIN_TYPO_CHARS
        && strsim::levenshtein(a, b) <= MAX_TYPO_EDITS
}

/// How the first author of `reference` is cited: "Smith", "Smith & Jones", "Smith et al.".
fn cited_as(reference: &Reference) -> String {
    let first = first_author(reference).unwrap_or_default();
    match reference.authors.as_slice() {
        [_, second] => format!("{first} & {}", second.family),
        [_, _, _, ..] => format!("{first} et al."),
        _ => first,
    }
}

fn author_year_dangling(article: &Article, citation: &Citation, author: &str) -> String {
    let name = fold_name(author);
    let year = citation.stated_year;
    let same_year = |r: &&Reference| year.is_none() || r.year == year;
    // A suffix past the author's works of that year.
    let works = works_by(article, &name);
    let of_year: Vec<&Reference> = works.iter().copied().filter(same_year).collect();
    if let (Some(suffix), false) = (citation.year_suffix, of_year.is_empty()) {
        let last = char::from_u32('a' as u32 + of_year.len() as u32 - 1).unwrap_or('a');
        return format!(
            "the list has {} work{} by {author} from {}, lettered a to {last} in list order: {}; \"{suffix}\" is letter {}",
            of_year.len(),
            if of_year.len() == 1 { "" } else { "s" },
            year.unwrap_or_default(),
            join_named(&of_year.iter().map(|r| describe(r)).collect::<Vec<_>>()),
            suffix_index(suffix) + 1,
        );
    }
    // The name is a co-author's: the citation should name the first author.
    let coauthored: Vec<&Reference> = article
        .references
        .iter()
        .filter(|r| {
            r.authors
                .iter()
                .skip(1)
                .any(|p| fold_name(&p.family) == name)
        })
        .collect();
    if let Some(reference) = coauthored
        .iter()
        .find(|r| same_year(r))
        .or(coauthored.first())
    {
        return format!(
            "{author} is a co-author, not the first author, of {}: an author-year citation names the first author (\"{}, {}\")",
            describe(reference),
            cited_as(reference),
            reference.year.map_or_else(|| "n.d.".into(), |y| y.to_string()),
        );
    }
    // A near spelling of a first author.
    let near: Vec<&Reference> = article
        .references
        .iter()
        .filter(|r| first_author(r).is_some_and(|f| is_typo(&fold_name(&f), &name)))
        .collect();
    if let Some(reference) = near.iter().find(|r| same_year(r)) {
        return format!(
            "{}, {} is reference {}",
            first_author(reference).unwrap_or_default(),
            year.unwrap_or_default(),
            reference.key
        );
    }
    if !near.is_empty() {
        let named: Vec<String> = near.iter().map(|r| describe(r)).collect();
        return format!("the list has {}", join_named(&named));
    }
    let mut hint = format!("no reference in the list has {author} as its first author");
    if let Some(year) = year {
        let from_year: Vec<String> = article
            .references
            .iter()
            .filter(|r| r.year == Some(year))
            .map(describe)
            .collect();
        if !from_year.is_empty() {
            hint.push_str(&format!(
                "; from {year} the list has {}",
                join_named(&from_year)
            ));
        }
    }
    hint
}

fn author_year_mismatch(article: &Article, author: &str, stated: i32) -> String {
    let name = fold_name(author);
    let works: Vec<String> = works_by(article, &name).into_iter().map(describe).collect();
    let mut hint = format!("the list has {}", join_named(&works));
    let near = article.references.iter().find(|r| {
        r.year == Some(stated) && first_author(r).is_some_and(|f| is_typo(&fold_name(&f), &name))
    });
    if let Some(reference) = near {
        hint.push_str(&format!(
            "; {}, {stated} is reference {}",
            first_author(reference).unwrap_or_default(),
            reference.key
        ));
    }
    hint
}

/// A key of the list the cited key most likely meant: the same but for case, or a typo away.
fn near_key(article: &Article, key: &str) -> Option<String> {
    let lower = key.to_lowercase();
    let reference = article
        .references
        .iter()
        .find(|r| r.key.to_lowercase() == lower)
        .or_else(|| {
            article
                .references
                .iter()
                .filter(|r| is_typo(&r.key.to_lowercase(), &lower))
                .min_by_key(|r| strsim::levenshtein(&r.key.to_lowercase(), &lower))
        })?;
    Some(format!(
        "did you mean {}: {}",
        reference.key,
        describe(reference)
    ))
}

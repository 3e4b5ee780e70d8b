//! Resolution: link every in-text citation to the reference it names, and say whether the
//! year the text states agrees with that reference.
//!
//! Numbered and keyed citations resolve by key. Author-year citations ("Smith et al., 2015")
//! resolve by the family name of each reference's FIRST author (a co-author never counts)
//! plus the year; one author's works of one year take the letters a, b, ... in reference-list
//! order ("2019a" is the first). A name with no work from the stated year resolves to that
//! author's nearest year as a year mismatch.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::model::{Article, Citation, CitationStatus, Reference};

/// Set `reference` and `status` on every citation of the article. A resolved author-year
/// citation takes the key of its reference, so that reports name the reference it points to.
pub fn resolve(article: &mut Article) {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (index, reference) in article.references.iter().enumerate() {
        by_key.entry(reference.key.as_str()).or_insert(index);
    }
    let first_authors: Vec<Option<String>> = article
        .references
        .iter()
        .map(|r| first_author(r).map(|name| fold_name(&name)))
        .collect();
    for citation in &mut article.citations {
        citation.reference = match &citation.author {
            Some(author) => by_author_year(
                citation,
                &fold_name(author),
                &first_authors,
                &article.references,
            ),
            None => by_key.get(citation.key.as_str()).copied(),
        };
        citation.status = match citation.reference {
            None => CitationStatus::Dangling,
            Some(index) => {
                let reference = &article.references[index];
                if citation.author.is_some() {
                    citation.key = reference.key.clone();
                }
                match (citation.stated_year, reference.year) {
                    (Some(stated), Some(actual)) if stated != actual => {
                        CitationStatus::YearMismatch
                    }
                    _ => CitationStatus::Ok,
                }
            }
        };
    }
}

/// The reference an author-year citation names: the first author's work of the stated year
/// (the n-th of them for the suffix letter n), else that author's work nearest in year.
fn by_author_year(
    citation: &Citation,
    author: &str,
    first_authors: &[Option<String>],
    references: &[Reference],
) -> Option<usize> {
    let by_author: Vec<usize> = (0..references.len())
        .filter(|&i| first_authors.get(i).and_then(Option::as_deref) == Some(author))
        .collect();
    let stated = citation.stated_year?;
    let same_year: Vec<usize> = by_author
        .iter()
        .copied()
        .filter(|&i| references[i].year == Some(stated))
        .collect();
    if !same_year.is_empty() {
        let nth = citation.year_suffix.map_or(0, suffix_index);
        // "2019c" when the author has two works from 2019 names none of them.
        return same_year.get(nth).copied();
    }
    by_author
        .into_iter()
        .min_by_key(|&i| references[i].year.map_or(i32::MAX, |y| (y - stated).abs()))
}

/// 'a' -> 0, 'b' -> 1, ...
pub fn suffix_index(suffix: char) -> usize {
    (suffix as usize).saturating_sub('a' as usize)
}

/// A family name leading a free-text entry: "Smith" of "Smith, J., & Jones, K. (2015)" or of
/// "van der Berg J, Lee K."; particles and initials are skipped.
static LEADING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^\p{L}]*(?:\p{Ll}+\s+)*(\p{Lu}[\p{L}\p{M}'’-]+)").expect("leading name pattern")
});

/// The family name of the reference's first author as written: from its author list, or,
/// for a free-text entry whose authors could not be parsed, the name it opens with.
pub fn first_author(reference: &Reference) -> Option<String> {
    if let Some(person) = reference.authors.first() {
        return Some(person.family.clone());
    }
    if reference.source.is_some() {
        return None;
    }
    LEADING_NAME
        .captures(&reference.raw)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

/// A family name folded for matching: its last word ("Berg" of "van der Berg"), letters only,
/// without case or diacritics. "Müller" and "müller" fold alike, and so do "Müller" and
/// "Muller".
pub fn fold_name(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or(name);
    last.nfd()
        .filter(|c| c.is_alphabetic() && !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many citations point at each reference (same order as `article.references`).
pub fn times_cited(article: &Article) -> Vec<usize> {
    let mut counts = vec![0; article.references.len()];
    for index in article.citations.iter().filter_map(|c| c.reference) {
        counts[index] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Position};

    fn citation(key: &str, year: Option<i32>) -> Citation {
        Citation {
            marker: key.into(),
            key: key.into(),
            stated_year: year,
            position: Position::new(1, 1),
            ..Citation::default()
        }
    }

    #[test]
    fn statuses() {
        let mut article = Article {
            references: vec![Reference {
                key: "1".into(),
                year: Some(2009),
                ..Reference::default()
            }],
            citations: vec![
                citation("1", Some(2009)),
                citation("1", Some(2016)),
                citation("2", None),
                citation("1", None),
            ],
            ..Article::default()
        };
        resolve(&mut article);
        let statuses: Vec<_> = article.citations.iter().map(|c| c.status).collect();
        assert_eq!(
            statuses,
            [
                CitationStatus::Ok,
                CitationStatus::YearMismatch,
                CitationStatus::Dangling,
                CitationStatus::Ok
            ]
        );
        assert_eq!(times_cited(&article), [3]);
    }

    fn reference(key: &str, families: &[&str], year: i32) -> Reference {
        Reference {
            key: key.into(),
            authors: families
                .iter()
                .map(|f| Person {
                    family: (*f).into(),
                    given: None,
                })
                .collect(),
            year: Some(year),
            source: Some("refs.bib".into()),
            ..Reference::default()
        }
    }

    fn author_year(author: &str, year: i32, suffix: Option<char>) -> Citation {
        Citation {
            marker: format!("({author}, {year})"),
            key: format!("{author} {year}"),
            stated_year: Some(year),
            author: Some(author.into()),
            year_suffix: suffix,
            ..Citation::default()
        }
    }

    #[test]
    fn author_year_citations_resolve_on_the_first_author_and_year() {
        let mut article = Article {
            references: vec![
                reference("smith2015", &["Smith", "Jones"], 2015),
                reference("lee2019x", &["Lee"], 2019),
                reference("lee2019y", &["Lee"], 2019),
                reference("muller", &["Müller"], 2012),
            ],
            citations: vec![
                author_year("Smith", 2015, None),
                author_year("Jones", 2015, None),
                author_year("Lee", 2019, Some('b')),
                author_year("Lee", 2019, Some('c')),
                author_year("müller", 2012, None),
                author_year("Muller", 2014, None),
            ],
            ..Article::default()
        };
        resolve(&mut article);
        let got: Vec<(&str, CitationStatus)> = article
            .citations
            .iter()
            .map(|c| (c.key.as_str(), c.status))
            .collect();
        assert_eq!(
            got,
            [
                ("smith2015", CitationStatus::Ok),
                // A co-author never stands for the paper.
                ("Jones 2015", CitationStatus::Dangling),
                ("lee2019y", CitationStatus::Ok),
                ("Lee 2019", CitationStatus::Dangling),
                ("muller", CitationStatus::Ok),
                ("muller", CitationStatus::YearMismatch),
            ]
        );
    }

    #[test]
    fn free_text_entries_lend_their_leading_name() {
        let entry = |raw: &str| Reference {
            raw: raw.into(),
            ..Reference::default()
        };
        assert_eq!(
            first_author(&entry("Smith, J., & Jones, K. (2015). Title.")).as_deref(),
            Some("Smith")
        );
        assert_eq!(
            first_author(&entry("van der Berg J, Lee K. Title.")).as_deref(),
            Some("Berg")
        );
        assert_eq!(fold_name("van der Bérg"), fold_name("BERG"));
    }
}

//! Resolution: link every in-text citation to the reference it names, and say whether the
//! year the text states agrees with that reference.

use std::collections::HashMap;

use crate::model::{Article, CitationStatus};

/// Set `reference` and `status` on every citation of the article.
pub fn resolve(article: &mut Article) {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (index, reference) in article.references.iter().enumerate() {
        by_key.entry(reference.key.as_str()).or_insert(index);
    }
    for citation in &mut article.citations {
        citation.reference = by_key.get(citation.key.as_str()).copied();
        citation.status = match citation.reference {
            None => CitationStatus::Dangling,
            Some(index) => {
                let ref_year = article.references[index].year;
                match (citation.stated_year, ref_year) {
                    (Some(stated), Some(actual)) if stated != actual => {
                        CitationStatus::YearMismatch
                    }
                    _ => CitationStatus::Ok,
                }
            }
        };
    }
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
    use crate::model::{Citation, Position, Reference};

    fn citation(key: &str, year: Option<i32>) -> Citation {
        Citation {
            marker: key.into(),
            key: key.into(),
            stated_year: year,
            position: Position::new(1, 1),
            sentence: 0,
            reference: None,
            status: CitationStatus::Pending,
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
}

//! In-text citation markers of plain-text articles.
//!
//! Two styles are recognised: the narrative "the 2015 study 2" (which states the year of the
//! cited work) and bracketed numbers "[2]", "[2,3]", "[4-6]". Each cited number becomes one
//! [`Citation`] carrying the marker as written and its source position.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Citation, CitationStatus, Sentence};

/// "the 2015 study 2", "the 1991 randomised trial 3".
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:the|a|an|this|that|their|our)\s+((?:1[6-9]|20)\d{2})\s+(?:[a-z][a-z-]*\s+){0,2}?(?:study|studies|trial|review|meta-analysis|analysis|report|guideline|guidelines|paper|article|series|survey|cohort)\s+(\d{1,4})\b",
    )
    .expect("narrative citation pattern compiles")
});

/// "[2]", "[2, 3]", "[4-6]", "[1; 4–6]".
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\s*(\d{1,4}(?:\s*[-\u{2013}\u{2014}]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-\u{2013}\u{2014}]\s*\d{1,4})?)*)\s*\]")
        .expect("bracketed citation pattern compiles")
});

/// Words that, right after "the 2015 study 2", show the number was a count, not a reference.
const COUNT_NOUNS: &[&str] = &[
    "patients",
    "participants",
    "subjects",
    "cases",
    "people",
    "years",
    "months",
    "weeks",
    "days",
    "mg",
    "%",
];

/// The widest range "[a-b]" that is expanded into single citations.
const MAX_RANGE: u32 = 200;

/// All citations in `sentence`, which is sentence number `index` of its article.
pub fn find(sentence: &Sentence, index: usize) -> Vec<Citation> {
    let mut found = Vec::new();
    for caps in NARRATIVE.captures_iter(&sentence.text) {
        let (Some(year), Some(number)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if is_followed_by_count_noun(&sentence.text[number.end()..]) {
            continue;
        }
        found.push(Citation {
            marker: sentence.text[year.start()..number.end()].to_string(),
            key: number.as_str().trim_start_matches('0').to_string(),
            stated_year: year.as_str().parse().ok(),
            position: sentence.position_of_byte(year.start()),
            sentence: index,
            reference: None,
            status: CitationStatus::Pending,
        });
    }
    for caps in BRACKETED.captures_iter(&sentence.text) {
        let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        for key in expand_numbers(list.as_str()) {
            found.push(Citation {
                marker: whole.as_str().to_string(),
                key: key.to_string(),
                stated_year: None,
                position: sentence.position_of_byte(whole.start()),
                sentence: index,
                reference: None,
                status: CitationStatus::Pending,
            });
        }
    }
    found.sort_by_key(|c| c.position);
    found
}

fn is_followed_by_count_noun(rest: &str) -> bool {
    let next = rest
        .trim_start()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .next()
        .unwrap_or("");
    COUNT_NOUNS
        .iter()
        .any(|noun| next.eq_ignore_ascii_case(noun))
}

/// "2, 4-6" -> [2, 4, 5, 6]. A reversed or huge range keeps only its two ends.
pub fn expand_numbers(list: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    for item in list.split([',', ';']) {
        let bounds: Vec<u32> = item
            .split(['-', '\u{2013}', '\u{2014}'])
            .filter_map(|n| n.trim().parse().ok())
            .collect();
        match bounds.as_slice() {
            [single] => numbers.push(*single),
            [from, to] if from <= to && to - from <= MAX_RANGE => numbers.extend(*from..=*to),
            [from, to] => numbers.extend([*from, *to]),
            _ => {}
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::sentences::{split, Fragment};

    fn cites(text: &str) -> Vec<(String, String, Option<i32>, usize)> {
        let sentence = split(
            &[Fragment {
                line: 7,
                column: 3,
                text,
            }],
            None,
        )
        .remove(0);
        find(&sentence, 0)
            .into_iter()
            .map(|c| (c.marker, c.key, c.stated_year, c.position.column))
            .collect()
    }

    #[test]
    fn narrative_markers_keep_the_stated_year() {
        assert_eq!(
            cites("as shown in the 1991 study 3 and the 2016 study 4."),
            [
                ("1991 study 3".into(), "3".into(), Some(1991), 19),
                ("2016 study 4".into(), "4".into(), Some(2016), 40),
            ]
        );
        assert_eq!(
            cites("The 2015 randomised trial 2 agrees.")[0].0,
            "2015 randomised trial 2"
        );
    }

    #[test]
    fn counts_are_not_citations() {
        assert!(cites("In the 2015 study 120 patients were enrolled.").is_empty());
    }

    #[test]
    fn bracketed_numbers_and_ranges() {
        let found = cites("Pain [2] improved [4-6] and [1, 3].");
        let keys: Vec<&str> = found.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(keys, ["2", "4", "5", "6", "1", "3"]);
        assert_eq!(found[1].0, "[4-6]");
        assert_eq!(found[1].3, 21);
    }

    #[test]
    fn huge_or_reversed_ranges_keep_their_ends() {
        assert_eq!(expand_numbers("1-9999"), [1, 9999]);
        assert_eq!(expand_numbers("6\u{2013}4"), [6, 4]);
        assert_eq!(expand_numbers("3 ; 5"), [3, 5]);
    }
}

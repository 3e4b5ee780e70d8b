//! In-text citation markers written in the text itself.
//!
//! Three styles are recognised: the narrative "the 2015 study 2" (which states the year of the
//! cited work), bracketed numbers "[2]", "[2,3]", "[4-6]", and pandoc's citation keys
//! "[@smith2015; @lee2019, p. 4]", "[-@smith2015]", "@smith2015 says". Each cited number or key
//! becomes one [`Citation`] carrying the marker as written and its source position.
//! Author-year citations have their own module, [`super::author_year`].

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Citation, Sentence};

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

/// A bracketed pandoc citation: "[@a]", "[see @a, p. 4; -@b]". Brackets hold no brackets.
static PANDOC_BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\[\]]*@[^\[\]]*\]").expect("pandoc bracket pattern"));

/// One pandoc key after its `@`, with what stands before the `@` (an `@` inside a word, as in
/// an e-mail address, is no citation). Keys are pandoc's: a letter, digit or `_`, then
/// those and internal punctuation; or anything in braces.
static PANDOC_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^\p{L}\p{N}_@])-?@(\{[^{}]+\}|[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)")
        .expect("pandoc key pattern")
});

/// Punctuation a pandoc key may hold inside but never ends with ("@smith2015." ends a sentence).
const KEY_INNER_PUNCTUATION: &[char] = &[
    ':', '.', '#', '$', '%', '&', '+', '?', '<', '>', '~', '/', '-',
];

/// Pandoc's superscript "^1^", "^2,4-6^" where pulldown-cmark leaves it as text (after a
/// letter: "pain^1^").
static SUPERSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\^(\d{1,4}(?:\s*[-\u{2013},;]\s*\d{1,4})*)\^").expect("superscript pattern")
});

/// Units a superscript number raises to a power ("kg/m^2^", "10^6^"): not a citation.
const UNITS: &[&str] = &[
    "m", "cm", "mm", "km", "µm", "μm", "um", "nm", "ft", "in", "s", "min", "h", "x", "×", "e",
];

/// True when `before`, the text just before a superscript, ends in a number or a unit, so
/// that the superscript is a power: "10^6^", "kg/m^2^", "cells/mm<sup>3</sup>".
pub fn is_power_base(before: &str) -> bool {
    if before.ends_with(char::is_whitespace) {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let unit = word.rsplit('/').next().unwrap_or(word);
    word.ends_with(|c: char| c.is_ascii_digit())
        || UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u))
}

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
            stated_year: year.as_str().parse().ok(),
            sentence: index,
            ..Citation::new(
                &sentence.text[year.start()..number.end()],
                number.as_str().trim_start_matches('0'),
                sentence.position_of_byte(year.start()),
            )
        });
    }
    for caps in BRACKETED.captures_iter(&sentence.text) {
        let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        found.extend(numbered(sentence, index, whole, list.as_str()));
    }
    found.sort_by_key(|c| c.position);
    found
}

/// One citation per number of the list `list` ("4-6, 9") in the marker `whole` ("[4-6, 9]",
/// "^4-6,9^"), each with the whole marker, in sentence number `index`.
fn numbered<'a>(
    sentence: &'a Sentence,
    index: usize,
    whole: regex::Match<'a>,
    list: &str,
) -> impl Iterator<Item = Citation> + 'a {
    let position = sentence.position_of_byte(whole.start());
    expand_numbers(list).into_iter().map(move |key| Citation {
        sentence: index,
        ..Citation::new(whole.as_str(), key.to_string(), position)
    })
}

/// Pandoc citations in `sentence`: every key of every "[@a; @b]" (the marker is the whole
/// bracket), every "@key" standing in the text, and superscript numbers "pain^1^".
pub fn find_pandoc(sentence: &Sentence, index: usize) -> Vec<Citation> {
    let text = &sentence.text;
    let mut found = Vec::new();
    for caps in SUPERSCRIPT.captures_iter(text) {
        let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if is_power_base(&text[..whole.start()]) {
            continue;
        }
        found.extend(numbered(sentence, index, whole, list.as_str()));
    }
    if !text.contains('@') {
        return found;
    }
    let brackets: Vec<regex::Match> = PANDOC_BRACKETED.find_iter(text).collect();
    for caps in PANDOC_KEY.captures_iter(text) {
        let Some(key) = caps.get(2) else {
            continue;
        };
        // The `@` just before the key.
        let at = key.start().saturating_sub(1);
        let bracket = brackets.iter().find(|b| b.start() < at && at < b.end());
        let key_text = key
            .as_str()
            .strip_prefix('{')
            .and_then(|k| k.strip_suffix('}'))
            .unwrap_or_else(|| key.as_str().trim_end_matches(KEY_INNER_PUNCTUATION));
        if key_text.is_empty() {
            continue;
        }
        let marker = match bracket {
            Some(b) => b.as_str().to_string(),
            None => format!("@{}", key.as_str().trim_end_matches(KEY_INNER_PUNCTUATION)),
        };
        found.push(Citation {
            sentence: index,
            ..Citation::new(marker, key_text, sentence.position_of_byte(at))
        });
    }
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
    use crate::input::sentences::first_sentence;

    fn cites(text: &str) -> Vec<(String, String, Option<i32>, usize)> {
        let sentence = first_sentence(text, 7, 3);
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

    fn pandoc(text: &str) -> Vec<(String, String, usize)> {
        let sentence = first_sentence(text, 1, 1);
        find_pandoc(&sentence, 0)
            .into_iter()
            .map(|c| (c.marker, c.key, c.position.column))
            .collect()
    }

    #[test]
    fn pandoc_keys_in_brackets_and_in_the_text() {
        assert_eq!(
            pandoc("Pain fell [see @smith2015, p. 4; -@lee:2019b] as @doe_2020 says."),
            [
                (
                    "[see @smith2015, p. 4; -@lee:2019b]".into(),
                    "smith2015".into(),
                    16
                ),
                (
                    "[see @smith2015, p. 4; -@lee:2019b]".into(),
                    "lee:2019b".into(),
                    35
                ),
                ("@doe_2020".into(), "doe_2020".into(), 50),
            ]
        );
        assert_eq!(pandoc("As @{Smith 2015} and @lee2019.")[1].1, "lee2019");
        assert_eq!(pandoc("As @{Smith 2015} and @lee2019.")[0].1, "Smith 2015");
    }

    #[test]
    fn superscripts_left_as_text_except_powers() {
        let keys: Vec<String> = pandoc("Pain^1,3^ fell in kg/m^2^ of 10^6^ cells^4-5^.")
            .into_iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(keys, ["1", "3", "4", "5"]);
    }

    #[test]
    fn e_mail_addresses_are_not_pandoc_citations() {
        assert!(pandoc("Write to j.doe@example.org or jo@x.com today.").is_empty());
    }

    #[test]
    fn huge_or_reversed_ranges_keep_their_ends() {
        assert_eq!(expand_numbers("1-9999"), [1, 9999]);
        assert_eq!(expand_numbers("6\u{2013}4"), [6, 4]);
        assert_eq!(expand_numbers("3 ; 5"), [3, 5]);
    }
}

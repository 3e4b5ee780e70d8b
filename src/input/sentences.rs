//! Sentence segmentation that survives medical prose.
//!
//! A block of text (a paragraph or a list item, possibly spread over several lines) is split
//! into sentences at `.`, `!` and `?`, except after abbreviations ("et al.", "e.g.", "vs.",
//! "Fig."), initials and inside numbers. A citation written after the full stop ("pain. [3]")
//! stays with the sentence it closes. Every character keeps its source position.

use crate::model::{Position, Sentence};

/// A run of text on one source line, starting at a 1-based character column.
#[derive(Clone, Copy, Debug)]
pub struct Fragment<'a> {
    pub line: usize,
    pub column: usize,
    pub text: &'a str,
}

/// Words that end with a period without ending the sentence (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "al", "e.g", "i.e", "vs", "fig", "figs", "approx", "no", "nos", "dr", "mr", "mrs", "ms",
    "prof", "st", "cf", "ca", "resp", "incl", "eq", "vol", "p", "pp", "ref", "refs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
    "etc", "viz", "approx", "min", "max", "mo", "wk", "yr", "yrs", "hr", "hrs", "sec",
];

/// Split a block into sentences. `section` is the heading the block sits under.
pub fn split(fragments: &[Fragment<'_>], section: Option<&str>) -> Vec<Sentence> {
    let chars = join(fragments);
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i].0, '.' | '!' | '?') {
            if let Some(end) = sentence_end(&chars, i) {
                push_sentence(&mut sentences, &chars[start..end], section);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_sentence(&mut sentences, &chars[start..], section);
    sentences
}

/// Lay the fragments end to end, one space between lines, keeping each character's position.
/// Fragments on one line are pieces of one run of text cut by markup (`*very*`, `<sup>`): they
/// join without a space, as they read.
fn join(fragments: &[Fragment<'_>]) -> Vec<(char, Position)> {
    let mut chars: Vec<(char, Position)> = Vec::new();
    for fragment in fragments {
        if let Some(&(_, last)) = chars.last() {
            if fragment.line != last.line {
                chars.push((' ', Position::new(last.line, last.column + 1)));
            }
        }
        for (offset, c) in fragment.text.chars().enumerate() {
            chars.push((c, Position::new(fragment.line, fragment.column + offset)));
        }
    }
    chars
}

/// If the terminal mark at `i` ends a sentence, the index just past the sentence.
fn sentence_end(chars: &[(char, Position)], i: usize) -> Option<usize> {
    if chars[i].0 == '.' && (is_abbreviation(chars, i) || is_inside_number(chars, i)) {
        return None;
    }
    let mut end = i + 1;
    while end < chars.len() && matches!(chars[end].0, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')') {
        end += 1;
    }
    if let Some(after) = bracket_citation_end(chars, end) {
        end = after;
    }
    let next = skip_spaces(chars, end);
    if next == chars.len() {
        return Some(chars.len());
    }
    if next == end {
        return None;
    }
    if let Some(after) = bracket_citation_end(chars, next) {
        let following = skip_spaces(chars, after);
        if following == chars.len() || starts_sentence(chars[following].0) {
            return Some(after);
        }
    }
    starts_sentence(chars[next].0).then_some(end)
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '(' | '[')
}

fn skip_spaces(chars: &[(char, Position)], mut i: usize) -> usize {
    while i < chars.len() && chars[i].0.is_whitespace() {
        i += 1;
    }
    i
}

/// If a bracket citation such as "[3]", "[2, 4-6]" or a reader's rendering of a cited key
/// ("[smith2015]" for LaTeX's `\cite{smith2015}`) starts at `i`, the index past it.
fn bracket_citation_end(chars: &[(char, Position)], i: usize) -> Option<usize> {
    if chars.get(i)?.0 != '[' {
        return None;
    }
    let mut j = i + 1;
    while j < chars.len() && j - i < 80 {
        match chars[j].0 {
            ']' => return (j > i + 1).then_some(j + 1),
            c if c.is_alphanumeric()
                || matches!(c, ',' | ';' | ':' | '-' | '_' | '\u{2013}' | ' ') =>
            {
                j += 1
            }
            _ => return None,
        }
    }
    None
}

fn is_abbreviation(chars: &[(char, Position)], dot: usize) -> bool {
    let mut start = dot;
    while start > 0 && !chars[start - 1].0.is_whitespace() && chars[start - 1].0 != '(' {
        start -= 1;
    }
    let word: String = chars[start..dot]
        .iter()
        .map(|(c, _)| c.to_ascii_lowercase())
        .collect();
    let single_initial = word.chars().count() == 1
        && chars[start].0.is_uppercase()
        && chars.get(dot + 1).is_some_and(|(c, _)| c.is_whitespace());
    single_initial || ABBREVIATIONS.contains(&word.as_str())
}

fn is_inside_number(chars: &[(char, Position)], dot: usize) -> bool {
    dot > 0
        && chars[dot - 1].0.is_ascii_digit()
        && chars.get(dot + 1).is_some_and(|(c, _)| c.is_ascii_digit())
}

fn push_sentence(out: &mut Vec<Sentence>, chars: &[(char, Position)], section: Option<&str>) {
    let first = chars.iter().position(|(c, _)| !c.is_whitespace());
    let last = chars.iter().rposition(|(c, _)| !c.is_whitespace());
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let kept = &chars[first..=last];
    out.push(Sentence {
        text: kept.iter().map(|(c, _)| c).collect(),
        position: kept[0].1,
        section: section.map(str::to_string),
        char_positions: kept.iter().map(|(_, p)| *p).collect(),
        citations: Vec::new(),
    });
}

/// The first sentence of `text` standing at `line`, `column`: for the tests of the citation
/// finders, which read one sentence at a time.
#[cfg(test)]
pub fn first_sentence(text: &str, line: usize, column: usize) -> Sentence {
    split(&[Fragment { line, column, text }], None).remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        let fragments: Vec<Fragment> = input
            .lines()
            .enumerate()
            .map(|(i, text)| Fragment {
                line: i + 1,
                column: 1,
                text,
            })
            .collect();
        split(&fragments, None)
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn splits_on_full_stops() {
        assert_eq!(
            texts("Pain is common. It is hard to treat! Why? Nobody knows."),
            [
                "Pain is common.",
                "It is hard to treat!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn abbreviations_numbers_and_initials_do_not_split() {
        assert_eq!(
            texts("Smith et al. found 2.5 mg of drug A vs. placebo (e.g. Fig. 2) helped J. Doe. Next one."),
            [
                "Smith et al. found 2.5 mg of drug A vs. placebo (e.g. Fig. 2) helped J. Doe.",
                "Next one."
            ]
        );
    }

    #[test]
    fn citations_after_the_full_stop_stay_with_their_sentence() {
        assert_eq!(
            texts("Gabapentin helps.[3] It is safe. [4, 5] Done."),
            ["Gabapentin helps.[3]", "It is safe. [4, 5]", "Done."]
        );
        // LaTeX's "pain.\cite{smith2015} Sleep" reads "pain.[smith2015] Sleep".
        assert_eq!(
            texts("It helps.[smith2015] Sleep improved.[lee:2019, kim_a] Done."),
            [
                "It helps.[smith2015]",
                "Sleep improved.[lee:2019, kim_a]",
                "Done."
            ]
        );
    }

    #[test]
    fn a_text_spans_its_characters_only_when_they_stand_on_one_line() {
        let fragments = [
            Fragment {
                line: 3,
                column: 5,
                text: "Opioids may be",
            },
            Fragment {
                line: 4,
                column: 1,
                text: "considered now.",
            },
        ];
        let sentence = &split(&fragments, None)[0];
        assert_eq!(sentence.span_of(8, "may be"), 6);
        assert_eq!(sentence.span_of(8, "may be considered"), 0);
        assert_eq!(sentence.span_of(0, ""), 0);
    }

    #[test]
    fn sentences_span_lines_and_keep_positions() {
        let fragments = [
            Fragment {
                line: 3,
                column: 5,
                text: "Opioids may",
            },
            Fragment {
                line: 4,
                column: 5,
                text: "help. Then more.",
            },
        ];
        let sentences = split(&fragments, Some("Treatment"));
        assert_eq!(sentences[0].text, "Opioids may help.");
        assert_eq!(sentences[0].position, Position::new(3, 5));
        assert_eq!(sentences[0].position_of(12), Position::new(4, 5));
        assert_eq!(sentences[1].position, Position::new(4, 11));
        assert_eq!(sentences[1].section.as_deref(), Some("Treatment"));
    }
}

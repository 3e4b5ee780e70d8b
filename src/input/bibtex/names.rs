//! BibTeX name lists into [`Person`]s: `Last, First`, `First von Last`, `von Last, Jr, First`,
//! `{Corporate Name}` kept whole, and `others` ("et al.") dropped because it names nobody.

use super::latex;
use crate::model::Person;

/// BibTeX name lists: `Last, First and First von Last and {Corporate Name} and others`.
/// `others` ("et al.") names nobody and is left out.
pub(super) fn parse_names(raw: &str) -> Vec<Person> {
    let words = top_level_words(raw);
    words
        .split(|word| word.eq_ignore_ascii_case("and"))
        .filter(|name| !name.is_empty())
        .filter(|name| !(name.len() == 1 && name[0].eq_ignore_ascii_case("others")))
        .filter_map(|name| parse_name(&name.join(" ")))
        .collect()
}

fn parse_name(name: &str) -> Option<Person> {
    let parts = split_top_level(name, ',');
    let (family, given) = match parts.as_slice() {
        [] => return None,
        [whole] => first_von_last(whole),
        [family, given] => (latex::decode(family), latex::decode(given)),
        // `Last, First, Jr` is a common slip for BibTeX's `Last, Jr, First`.
        [family, given, suffix] if is_suffix(suffix) => (
            latex::decode(&format!("{family} {suffix}")),
            latex::decode(given),
        ),
        // `von Last, Jr, First`: the suffix stays with the family name.
        [family, suffix, given @ ..] => (
            latex::decode(&format!("{family} {suffix}")),
            latex::decode(&given.join(", ")),
        ),
    };
    match (family.is_empty(), given.is_empty()) {
        (true, true) => None,
        (true, false) => Some(Person {
            family: given,
            given: None,
        }),
        (false, true) => Some(Person {
            family,
            given: None,
        }),
        (false, false) => Some(Person {
            family,
            given: Some(given),
        }),
    }
}

/// A generational suffix: `Jr`, `Jr.`, `Sr.`, `II`, `III`, `IV`.
fn is_suffix(part: &str) -> bool {
    let bare = part.trim_end_matches('.');
    ["jr", "sr", "ii", "iii", "iv"]
        .iter()
        .any(|s| bare.eq_ignore_ascii_case(s))
}

/// `First von Last`: the family name starts at the first lowercase word (the `von` part)
/// and always includes the last word.
fn first_von_last(name: &str) -> (String, String) {
    let words = top_level_words(name);
    let before_last = &words[..words.len().saturating_sub(1)];
    let split = before_last
        .iter()
        .position(|word| starts_lowercase(word))
        .unwrap_or(before_last.len());
    (
        latex::decode(&words[split..].join(" ")),
        latex::decode(&words[..split].join(" ")),
    )
}

/// Whether a name word starts lowercase. A braced word (`{van der Berg}`) is one unit that
/// BibTeX never treats as a `von` particle, unless it opens with an accent command.
fn starts_lowercase(word: &str) -> bool {
    if word.starts_with('{') && !word.starts_with("{\\") {
        return false;
    }
    latex::decode(word)
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// Words split on whitespace (and `~`) outside braces.
fn top_level_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut start = None;
    for (i, c) in text.char_indices() {
        let separates = depth == 0 && (c.is_whitespace() || c == '~');
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match (separates, start) {
            (true, Some(s)) => {
                words.push(&text[s..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

/// `text` split at `separator` outside braces, parts trimmed.
fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if c == separator && depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts
}

//! Author-year citations, in any text format: parenthetical "(Smith et al., 2015)",
//! "(Smith & Jones, 2015; Lee, 2019a)", "(Smith 2015)", and narrative "Smith et al. (2015)",
//! "Smith and colleagues (2015)", "Smith and Jones (2015)".
//!
//! Each cited work becomes one [`Citation`] with the first author's family name in `author`,
//! the year in `stated_year` and its letter ("2019a") in `year_suffix`; `resolve` finds the
//! reference. The patterns ask for a capitalised name right before a year, so that "(2015)",
//! "(p < 0.05)", "(n = 12, 2015)" or "(Table 2, 2019)" are not citations; a bare name before a
//! year in parentheses ("Smith (2015)") counts only when a reporting verb follows or "according
//! to" precedes it, since "Europe (2015)" reads the same way.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Citation, Sentence};

/// Lowercase particles that may open a family name ("van der Berg", "de Souza").
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "le", "la",
    "ten", "ter", "al", "el", "bin", "ibn",
];

/// Capitalised words that stand before a year without being an author: months, seasons,
/// prepositions, parts of an article, study words. Compared case-insensitively.
const NOT_AUTHORS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "since",
    "until",
    "till",
    "before",
    "after",
    "during",
    "through",
    "between",
    "circa",
    "around",
    "published",
    "updated",
    "accessed",
    "retrieved",
    "revised",
    "version",
    "edition",
    "table",
    "tables",
    "figure",
    "figures",
    "fig",
    "supplement",
    "supplementary",
    "appendix",
    "phase",
    "year",
    "years",
    "study",
    "trial",
    "data",
    "survey",
    "census",
    "cohort",
    "est",
    "founded",
    "approved",
    "launched",
    "ref",
    "reference",
    "see",
    "the",
    "this",
    "that",
    "these",
    "those",
    "our",
    "and",
    "or",
    "also",
    "both",
    "only",
    "total",
    "mean",
    "median",
    "range",
    "age",
    "aged",
    "born",
    "died",
    "copyright",
    "et",
    "vs",
    "versus",
    "issue",
    "volume",
    "vol",
    "no",
    "number",
    "week",
    "month",
    "day",
    "baseline",
    "wave",
    "round",
];

/// Verbs that, after "Smith (2015)", show the name is the author of a work being cited.
const REPORTING_VERBS: &[&str] = &[
    "found",
    "finds",
    "showed",
    "shows",
    "shown",
    "reported",
    "reports",
    "demonstrated",
    "demonstrates",
    "suggested",
    "suggests",
    "observed",
    "observes",
    "concluded",
    "concludes",
    "noted",
    "notes",
    "described",
    "describes",
    "argued",
    "argues",
    "proposed",
    "proposes",
    "examined",
    "examines",
    "studied",
    "investigated",
    "investigates",
    "compared",
    "compares",
    "identified",
    "confirmed",
    "confirms",
    "estimated",
    "estimates",
    "recommended",
    "recommends",
    "reviewed",
    "reviews",
    "analysed",
    "analyzed",
    "measured",
    "treated",
    "randomised",
    "randomized",
    "enrolled",
    "followed",
    "used",
    "developed",
    "defined",
    "introduced",
    "wrote",
    "claimed",
    "claims",
    "stated",
    "states",
    "emphasised",
    "emphasized",
    "highlighted",
];

/// One family name: particles, then a capitalised word that may be hyphenated or hold an
/// apostrophe ("O'Brien", "Smith-Jones", "Müller").
fn name_pattern() -> String {
    format!(
        r"(?:(?i:{})\s+)*\p{{Lu}}[\p{{L}}\p{{M}}'’]+(?:-\p{{L}}[\p{{L}}\p{{M}}'’]*)*",
        PARTICLES.join("|")
    )
}

/// The author part: the first author's name (group `first`), then "et al.", "and
/// colleagues", or further names joined by "and" / "&". With `strong`, one of those is required.
fn authors_pattern(strong: bool) -> String {
    let name = name_pattern();
    format!(
        r"(?P<first>{name})(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?:colleagues|co-?workers|others)|(?:\s*,\s*{name})*\s*,?\s+(?:and|&)\s+{name}){}",
        if strong { "" } else { "?" }
    )
}

/// "2015", "2019a", "2015, 2016", "2019a, b".
const YEARS: &str =
    r"(?P<years>(?:1[6-9]|20)\d{2}[a-z]?(?:\s*,\s*(?:(?:1[6-9]|20)\d{2}[a-z]?|[a-z]))*)\b";

/// ", p. 4", ", pp. 33-35", ", chap. 2", ", Table 3" after the year.
const LOCATOR: &str =
    r"(?:\s*,\s*(?i:p|pp|para|chap|ch|sec|fig|figs|table)\.?\s*[\p{N}\p{L}\u{2013}-]+)?";

/// Lead-ins inside the parentheses: "(e.g., Smith, 2015)", "(see also Lee 2019)".
const PREFIX: &str = r"(?:(?i:e\.g\.|i\.e\.|see also|see|cf\.|but see|reviewed in|as in|for example|for a review,? see|also)[,:]?\s+)*";

/// The inside of parentheses: groups separated by semicolons.
static PARENTHESES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()]{6,400})\)").expect("parentheses pattern"));

/// One group inside parentheses, whole: "Smith & Jones, 2015", "e.g., Lee 2019a, p. 4".
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*{PREFIX}(?P<authors>{})(?P<sep>\s*,\s*|\s+){YEARS}{LOCATOR}\s*$",
        authors_pattern(false)
    ))
    .expect("author-year group pattern")
});

/// "Smith et al. (2015)", "Smith and colleagues (2015, 2016)", "Smith and Jones (2015; ...".
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<authors>{})\s*\(\s*{YEARS}{LOCATOR}\s*[);]",
        authors_pattern(true)
    ))
    .expect("narrative author-year pattern")
});

/// "Smith (2015)" with a single name: kept only with a reporting verb or "according to".
static BARE_NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<authors>(?P<first>{}))\s*\(\s*{YEARS}\s*\)(?:\s+(?P<verb>\p{{L}}+))?",
        name_pattern()
    ))
    .expect("bare narrative author-year pattern")
});

/// One year of a year list: "2019a", or a lone "b" that reuses the year before it.
static YEAR_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?P<year>(?:1[6-9]|20)\d{2})(?P<suffix>[a-z])?|\b(?P<lone>[a-z])\b)")
        .expect("year item pattern")
});

/// All author-year citations in `sentence`, sentence number `index` of its article.
pub fn find(sentence: &Sentence, index: usize) -> Vec<Citation> {
    let text = &sentence.text;
    if !text.contains('(') || !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for parens in PARENTHESES.captures_iter(text) {
        let (Some(whole), Some(inside)) = (parens.get(0), parens.get(1)) else {
            continue;
        };
        let mut offset = inside.start();
        for group in inside.as_str().split(';') {
            if let Some(caps) = GROUP.captures(group) {
                let comma = caps.name("sep").is_some_and(|s| s.as_str().contains(','));
                if let Some(work) = Work::from_captures(&caps, offset) {
                    if work.is_author(comma) {
                        found.extend(work.citations(sentence, index, whole.as_str()));
                    }
                }
            }
            offset += group.len() + 1;
        }
    }
    // Where narrative citations stand: "Jones (2015)" of "Smith and Jones (2015)" is not one.
    let mut narrative_spans = Vec::new();
    for caps in NARRATIVE.captures_iter(text) {
        let Some(work) = Work::from_captures(&caps, 0) else {
            continue;
        };
        if let Some(whole) = caps.get(0) {
            narrative_spans.push(whole.range());
        }
        let marker = narrative_marker(text, &caps);
        if work.is_author(true) {
            found.extend(work.citations(sentence, index, &marker));
        }
    }
    for caps in BARE_NARRATIVE.captures_iter(text) {
        let Some(work) = Work::from_captures(&caps, 0) else {
            continue;
        };
        let reported = caps
            .name("verb")
            .is_some_and(|v| REPORTING_VERBS.contains(&v.as_str().to_lowercase().as_str()));
        let according = text[..work.at]
            .trim_end()
            .to_lowercase()
            .ends_with("according to");
        let taken = narrative_spans.iter().any(|span| span.contains(&work.at));
        if (reported || according) && work.is_author(true) && !taken {
            let marker = narrative_marker(text, &caps);
            found.extend(work.citations(sentence, index, &marker));
        }
    }
    found.sort_by_key(|c| c.position);
    found
}

/// The marker of a narrative citation: the names through the closing parenthesis (or, for
/// "Smith et al. (2015; Lee, 2019)", through the first year list).
fn narrative_marker(text: &str, caps: &regex::Captures<'_>) -> String {
    let (Some(authors), Some(years)) = (caps.name("authors"), caps.name("years")) else {
        return String::new();
    };
    let rest = &text[years.end()..];
    let close = rest.find(')').filter(|&i| !rest[..i].contains(';'));
    let end = close.map_or(years.end(), |i| years.end() + i + 1);
    text[authors.start()..end].to_string()
}

/// One cited author with the years cited for them, as found in the text.
#[derive(Clone, Copy)]
struct Work<'t> {
    /// The first author's name as written.
    first: &'t str,
    /// Byte offset of the name in the sentence text.
    at: usize,
    years: &'t str,
}

impl<'t> Work<'t> {
    /// `offset` is where the text the captures were taken from starts in the sentence.
    fn from_captures(caps: &regex::Captures<'t>, offset: usize) -> Option<Work<'t>> {
        let first = caps.name("first")?;
        Some(Work {
            first: first.as_str(),
            at: offset + first.start(),
            years: caps.name("years")?.as_str(),
        })
    }

    /// False for words that stand before years without being authors; an acronym ("WHO")
    /// counts only with a comma before the year, since "(NHANES 2015)" names a survey.
    fn is_author(&self, comma: bool) -> bool {
        let family = self.family();
        let lower = family.to_lowercase();
        let acronym = family.chars().filter(|c| c.is_alphabetic()).count() > 1
            && family.chars().all(|c| !c.is_lowercase());
        !NOT_AUTHORS.contains(&lower.as_str()) && (comma || !acronym)
    }

    /// The name without its particles ("Berg" of "van der Berg").
    fn family(&self) -> &'t str {
        self.first
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or(self.first)
    }

    fn citations(&self, sentence: &Sentence, index: usize, marker: &str) -> Vec<Citation> {
        let position = sentence.position_of_byte(self.at);
        let mut year: Option<i32> = None;
        let mut out = Vec::new();
        for item in YEAR_ITEM.captures_iter(self.years) {
            let suffix = match (item.name("year"), item.name("lone")) {
                (Some(y), _) => {
                    year = y.as_str().parse().ok();
                    item.name("suffix")
                }
                (None, Some(lone)) => Some(lone),
                (None, None) => None,
            };
            let Some(year) = year else { continue };
            let suffix = suffix.and_then(|s| s.as_str().chars().next());
            out.push(Citation {
                marker: marker.to_string(),
                key: format!(
                    "{} {year}{}",
                    self.first,
                    suffix.map(String::from).unwrap_or_default()
                ),
                stated_year: Some(year),
                author: Some(self.first.to_string()),
                year_suffix: suffix,
                position,
                sentence: index,
                ..Citation::default()
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::sentences::first_sentence;

    /// (author, year, suffix, column) of every citation in `text`.
    fn cites(text: &str) -> Vec<(String, i32, Option<char>, usize)> {
        let sentence = first_sentence(text, 1, 1);
        find(&sentence, 0)
            .into_iter()
            .map(|c| {
                (
                    c.author.unwrap_or_default(),
                    c.stated_year.unwrap_or_default(),
                    c.year_suffix,
                    c.position.column,
                )
            })
            .collect()
    }

    fn authors(text: &str) -> Vec<String> {
        cites(text).into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn parenthetical_groups() {
        assert_eq!(
            cites("Pain fell (Smith & Jones, 2015; Lee, 2019a)."),
            [
                ("Smith".into(), 2015, None, 12),
                ("Lee".into(), 2019, Some('a'), 33)
            ]
        );
        assert_eq!(authors("It works (Smith et al., 2015)."), ["Smith"]);
        assert_eq!(authors("It works (Smith 2015)."), ["Smith"]);
        assert_eq!(
            authors("It works (e.g., Smith, Jones, and Lee, 2015, p. 4)."),
            ["Smith"]
        );
        assert_eq!(
            authors("It works (van der Berg et al. 2015)."),
            ["van der Berg"]
        );
        assert_eq!(
            authors("It works (O'Brien, 2015; Müller-Lüdenscheidt, 2016)."),
            ["O'Brien", "Müller-Lüdenscheidt"]
        );
        assert_eq!(authors("It works (WHO, 2019)."), ["WHO"]);
    }

    #[test]
    fn year_lists_and_suffix_shorthand() {
        let years: Vec<(i32, Option<char>)> = cites("As shown (Lee, 2019a, b, 2020).")
            .into_iter()
            .map(|c| (c.1, c.2))
            .collect();
        assert_eq!(years, [(2019, Some('a')), (2019, Some('b')), (2020, None)]);
    }

    #[test]
    fn narrative_forms() {
        assert_eq!(cites("Smith et al. (2015) found less pain.")[0].3, 1);
        assert_eq!(authors("As Smith and colleagues (2015) report."), ["Smith"]);
        assert_eq!(authors("As Smith and Jones (2015) report."), ["Smith"]);
        assert_eq!(
            authors("In a trial, Smith (2015) found less pain."),
            ["Smith"]
        );
        assert_eq!(authors("According to Smith (2015), it helps."), ["Smith"]);
        assert_eq!(
            authors("Smith et al. (2015; Lee, 2019) agree."),
            ["Smith", "Lee"]
        );
    }

    #[test]
    fn narrative_markers_run_to_the_parenthesis() {
        let sentence = first_sentence("Smith et al. (2015) found less pain (Lee, 2019).", 1, 1);
        let markers: Vec<String> = find(&sentence, 0).into_iter().map(|c| c.marker).collect();
        assert_eq!(markers, ["Smith et al. (2015)", "(Lee, 2019)"]);
    }

    #[test]
    fn years_and_numbers_without_an_author_are_not_citations() {
        for text in [
            "Rates rose (2015) sharply.",
            "It differed (p < 0.05) clearly.",
            "We enrolled adults (n = 12, 2015) early.",
            "See the results (Table 2, 2019) below.",
            "Rates in Europe (2015) rose.",
            "Data came from a survey (NHANES 2015) of adults.",
            "It began (January 2015) quietly.",
            "It began (Since 2015) quietly.",
        ] {
            assert!(cites(text).is_empty(), "{text}: {:?}", cites(text));
        }
    }
}

//! Design cues: phrases in a title or abstract that name a study design. One table ([`CUES`]),
//! matched in one pass by an Aho-Corasick automaton; when several rows match, the row listed
//! first decides. A text with no cue names no design: never a guess.
//!
//! The phrases are the field's standard text cues: the PubMed Clinical Queries therapy filter
//! (randomized, placebo, blinding, allocation), the PubMed systematic-review subset (systematic
//! review, meta-analy*, search strategy, selection criteria), the Cochrane highly sensitive
//! search strategy's design words, and the way case reports open ("A 45-year-old woman ...").
//!
//! Mentions must not fool it. A cue shortly after a framing phrase in the same clause
//! ([`FRAMINGS`]) is a mention of another study ("a review of randomized trials", "protocol for a
//! randomized trial", "previous cohort studies") and is skipped, leaving the framing's own cue
//! (review, protocol) to decide; a secondary analysis keeps the design of the study it analyses
//! and says so in the cue ("secondary analysis of a randomized trial").

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::Design;

/// Where a cue row applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Title,
    Abstract,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Places {
    Title,
    Abstract,
    Both,
}

impl Places {
    fn admit(self, place: Place) -> bool {
        matches!(
            (self, place),
            (Places::Both, _) | (Places::Title, Place::Title) | (Places::Abstract, Place::Abstract)
        )
    }
}

/// One row of the cue table: a design (or `None`: phrases that shadow a shorter cue, such as
/// "in vitro fertilization" over "in vitro"), where its phrases count, and the phrases.
///
/// Phrase syntax: matched case-insensitively on word boundaries; a trailing `*` allows any word
/// ending ("meta-analy*"); a leading `# ` requires a count just before ("Eight cases", "12
/// patients"). Spelling variants are generated: a hyphen also matches a space or nothing
/// ("double-blind", "double blind", "doubleblind"), and American -iz-/-yz- also matches British
/// -is-/-ys- ("randomized", "randomised").
struct Row {
    design: Option<Design>,
    places: Places,
    phrases: &'static [&'static str],
}

const fn row(design: Design, places: Places, phrases: &'static [&'static str]) -> Row {
    Row {
        design: Some(design),
        places,
        phrases,
    }
}

/// How a case report names itself: the same phrases count in a title and in an abstract, but
/// in an abstract they rank below the trial cues (see the two rows in [`CUES`]).
const CASE_REPORT_PHRASES: &[&str] = &[
    "case report",
    "case reports",
    "a case of",
    "case of the month",
    "image of the month",
    "report of a case",
    "report of two cases",
    "case presentation",
    "case description",
    "we report a case",
    "we report a patient",
    "we report the case",
    "we report the first case",
    "we report two cases",
    "we describe a case",
    "we describe a patient",
    "we describe the case",
    "we describe the first case",
    "we present a case",
    "we present a patient",
    "we present the case",
    "we present the first case",
    "a rare case",
    "an unusual case",
    "illustrative case",
    "report of a single",
    "report of a patient",
    "we report a child",
    "we report an infant",
    "we report a boy",
    "we report a girl",
    "we report a man",
    "we report a woman",
    "we describe a child",
    "we describe an infant",
    "we present a child",
    "we present an infant",
    "in a patient with",
    "in a patient who",
    "in two patients with",
    "in a child with",
    "in an infant with",
    "year-old man",
    "year-old woman",
    "year-old boy",
    "year-old girl",
    "year-old male",
    "year-old female",
    "year-old patient",
    "year-old child",
    "year-old infant",
    "year-old nulligravida",
    "year-old primigravida",
    "year-old multigravida",
];

/// The cue table, strongest reading first.
const CUES: &[Row] = &[
    // Phrases that are no design cue, though they contain one.
    Row {
        design: None,
        places: Places::Both,
        phrases: &[
            "in vitro fertilization",
            "in vitro fertilisation",
            "in vitro maturation",
            "randomized controlled trials as topic",
            "placebo effect",
            "placebo effects",
            "placebo response",
            "randomly selected",
            "randomly sampled",
            "random sample",
            "random effects",
            "random-effects",
            "case management",
            "cohort effect",
            "case definition",
            "case fatality",
            "case-fatality",
            "case mix",
            "survey instrument",
        ],
    },
    row(
        Design::Notice,
        Places::Title,
        &[
            "erratum",
            "corrigendum",
            "correction to",
            "correction:",
            "retraction notice",
            "notice of retraction",
            "retraction:",
            "retraction of",
            "expression of concern",
        ],
    ),
    row(
        Design::ExpertOpinion,
        Places::Title,
        &[
            "editorial",
            "commentary",
            "comment on",
            "letter to the editor",
            "in reply",
            "reply to",
            "reply:",
            "authors' reply",
            "author's reply",
            "viewpoint",
            "a personal view",
            "invited comment",
        ],
    ),
    row(
        Design::Protocol,
        Places::Title,
        &[
            "study protocol",
            "trial protocol",
            "protocol for a randomized",
            "protocol for a randomized controlled",
            "protocol for a cluster",
            "protocol for a systematic review",
            "protocol of a randomized",
            "rationale and design",
            "design and rationale",
            "rationale, design",
        ],
    ),
    // The future tense of a plan, in an abstract.
    row(
        Design::Protocol,
        Places::Abstract,
        &[
            "will be randomized",
            "will be randomly",
            "will be allocated",
            "will be recruited",
        ],
    ),
    row(
        Design::MetaAnalysis,
        Places::Both,
        &[
            "meta-analy*",
            "metaanaly*",
            "meta-regression",
            "pooled analysis",
            "pooled analyses",
            "individual patient data",
            "individual participant data",
        ],
    ),
    row(
        Design::SystematicReview,
        Places::Both,
        &[
            "systematic review",
            "systematic reviews",
            "systematic literature review",
            "systematically reviewed",
            "umbrella review",
            "cochrane review",
            "scoping review",
            "search strategy",
            "selection criteria",
            "study selection",
            "we searched",
            "prisma",
        ],
    ),
    // Animals as the subjects of the study: the design is preclinical whatever else it says.
    row(
        Design::Preclinical,
        Places::Both,
        &[
            "in rats",
            "in mice",
            "in the rat",
            "in the mouse",
            "in dogs",
            "in rabbits",
            "in the rabbit",
            "in pigs",
            "in piglets",
            "in sheep",
            "in monkeys",
            "in primates",
            "in zebrafish",
            "rats were",
            "mice were",
            "dogs were",
            "rabbits were",
            "pigs were",
            "piglets were",
            "sheep were",
            "animals were",
            "knockout mice",
            "transgenic mice",
        ],
    ),
    row(Design::CaseReport, Places::Title, CASE_REPORT_PHRASES),
    // A review or a case report in the title is one, whatever trials it discusses.
    row(
        Design::NarrativeReview,
        Places::Title,
        &[
            "review",
            "overview",
            "update on",
            "an update",
            "state of the art",
            "state-of-the-art",
            "current concepts",
        ],
    ),
    row(Design::RandomisedTrial, Places::Title, &["rct"]),
    // The therapy filter's core and what it adds: randomisation, blinding, placebo, crossover.
    row(
        Design::RandomisedTrial,
        Places::Both,
        &[
            "randomized controlled trial",
            "randomized clinical trial",
            "randomized trial",
            "randomized",
            "randomly assigned",
            "randomly allocated",
            "randomly divided",
            "randomly placed",
            "randomly distributed",
            "randomly received",
            "randomly",
            "random assignment",
            "random allocation",
            "randomization",
            "allocation concealment",
            "double-blind",
            "double-blinded",
            "double-masked",
            "single-blind",
            "single-blinded",
            "single-masked",
            "triple-blind",
            "observer-blind",
            "observer-blinded",
            "investigator-blinded",
            "assessor-blinded",
            "placebo-controlled",
            "placebo",
            "crossover",
            "cross-over",
        ],
    ),
    row(
        Design::NonRandomisedTrial,
        Places::Both,
        &[
            "non-randomized",
            "not randomized",
            "quasi-randomized",
            "pseudo-randomized",
            "quasi-experimental",
            "controlled before-and-after",
            "single-arm",
            "open-label",
            "phase i trial",
            "phase ii trial",
            "phase i study",
            "phase ii study",
            "phase i/ii trial",
            "phase 1 trial",
            "phase 2 trial",
            "phase i clinical trial",
            "phase ii clinical trial",
            "uncontrolled trial",
            "open trial",
            "pilot trial",
        ],
    ),
    row(
        Design::DiagnosticAccuracy,
        Places::Both,
        &[
            "diagnostic accuracy",
            "diagnostic performance",
            "diagnostic value",
            "sensitivity and specificity",
            "receiver operating characteristic",
            "positive predictive value",
        ],
    ),
    row(
        Design::CaseControl,
        Places::Both,
        &["case-control", "case-controlled", "case-referent"],
    ),
    row(
        Design::Cohort,
        Places::Both,
        &[
            "cohort",
            "cohorts",
            "prospective study",
            "longitudinal study",
            "follow-up study",
            "prospectively followed",
            "population-based study",
        ],
    ),
    row(
        Design::CrossSectional,
        Places::Both,
        &[
            "cross-sectional",
            "prevalence study",
            "prevalence survey",
            "questionnaire survey",
            "national survey",
        ],
    ),
    row(Design::CrossSectional, Places::Title, &["survey"]),
    row(
        Design::Qualitative,
        Places::Both,
        &[
            "qualitative study",
            "qualitative research",
            "qualitative interview",
            "qualitative interviews",
            "semi-structured interviews",
            "focus groups",
            "focus group",
            "thematic analysis",
            "grounded theory",
            "phenomenological",
        ],
    ),
    row(
        Design::Guideline,
        Places::Title,
        &[
            "guideline",
            "guidelines",
            "practice parameter",
            "practice parameters",
            "clinical practice recommendations",
        ],
    ),
    row(
        Design::ConsensusStatement,
        Places::Both,
        &[
            "consensus statement",
            "consensus conference",
            "consensus report",
            "consensus document",
            "position statement",
            "position paper",
            "expert consensus",
            "delphi",
        ],
    ),
    // In an abstract, a trial's cues outweigh a description of a child's age.
    row(Design::CaseReport, Places::Abstract, CASE_REPORT_PHRASES),
    row(Design::CaseSeries, Places::Both, &["case series"]),
    row(
        Design::CaseSeries,
        Places::Title,
        &["# cases", "# consecutive cases", "# consecutive patients"],
    ),
    row(
        Design::Preclinical,
        Places::Both,
        // Background sentences often cite animal models; only the subjects above are decisive.
        &[
            "in vitro",
            "cell line",
            "cultured cells",
            "rat model",
            "mouse model",
            "murine model",
            "animal model",
            "rodent model",
        ],
    ),
    row(
        Design::NarrativeReview,
        Places::Abstract,
        &[
            "this review",
            "we review",
            "this article reviews",
            "this paper reviews",
            "article will review",
            "are reviewed",
            "is reviewed",
            "literature review",
            "review of the literature",
        ],
    ),
];

/// What a framing phrase does to a cue that follows it in the same clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    /// The cue names another study: skip it.
    Mention,
    /// The study re-analyses the one the cue names: keep the design, show the framing.
    Secondary,
}

const FRAMINGS: &[(Framing, &[&str])] = &[
    (
        Framing::Mention,
        &[
            "review of",
            "reviews of",
            "overview of",
            "meta-analysis of",
            "meta-analyses of",
            "systematic review of",
            "search for",
            "searched for",
            "protocol for",
            "protocol of",
            "design of",
            "previous",
            "previously published",
            "recent",
            "published",
            "earlier",
            "other",
            "several",
            "many",
            "existing",
            "participated in",
            "participating in",
            "enrolled in",
            "evidence from",
            "adherence to",
            "compliance with",
            "implementation of",
        ],
    ),
    (
        Framing::Secondary,
        &[
            "secondary analysis of",
            "secondary analyses of",
            "post hoc analysis of",
            "post-hoc analysis of",
            "exploratory analysis of",
            "ancillary study of",
            "substudy of",
            "sub-study of",
            "follow-up of",
            "extension of",
        ],
    ),
];

/// How far before a cue a framing phrase may stand, in bytes, within the same clause.
const FRAMING_REACH: usize = 48;

/// How many words may stand between a framing phrase and its cue: "a review of the randomized
/// trials", "secondary analysis of data from a randomized trial".
fn framing_gap(framing: Framing) -> usize {
    match framing {
        Framing::Mention => 2,
        Framing::Secondary => 4,
    }
}

/// Number words for counted cues ("Eight Cases").
const COUNT_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
];

/// What one compiled pattern stands for.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    row: usize,
    /// The phrase ends with `*`: no word boundary needed after it.
    prefix: bool,
    /// The phrase starts with `# `: a count must precede it.
    counted: bool,
}

/// The cue table compiled once: every spelling of every phrase in one automaton. A spelling
/// listed in several rows (a title row and an abstract row) is one pattern standing for each.
struct Compiled {
    cues: AhoCorasick,
    patterns: Vec<Vec<Pattern>>,
    framings: AhoCorasick,
    framing_kinds: Vec<Framing>,
}

/// The spellings a phrase stands for: hyphen as hyphen, space or nothing; -iz-/-yz- as
/// -is-/-ys-.
fn spellings(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if phrase.contains('-') {
        out.push(phrase.replace('-', " "));
        out.push(phrase.replace('-', ""));
    }
    let british: Vec<String> = out
        .iter()
        .filter(|p| p.contains("iz") || p.contains("yz"))
        .map(|p| p.replace("iz", "is").replace("yz", "ys"))
        .collect();
    out.extend(british);
    out.sort();
    out.dedup();
    out
}

fn automaton(patterns: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the design cue automaton builds")
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let mut texts: Vec<String> = Vec::new();
    let mut patterns: Vec<Vec<Pattern>> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (index, row) in CUES.iter().enumerate() {
        for phrase in row.phrases {
            let counted = phrase.starts_with("# ");
            let body = phrase.trim_start_matches("# ");
            let prefix = body.ends_with('*');
            for spelling in spellings(body.trim_end_matches('*')) {
                let id = *ids.entry(spelling.to_ascii_lowercase()).or_insert_with(|| {
                    texts.push(spelling);
                    patterns.push(Vec::new());
                    texts.len() - 1
                });
                patterns[id].push(Pattern {
                    row: index,
                    prefix,
                    counted,
                });
            }
        }
    }
    let mut framing_texts = Vec::new();
    let mut framing_kinds = Vec::new();
    for (kind, phrases) in FRAMINGS {
        for phrase in *phrases {
            for spelling in spellings(phrase) {
                framing_texts.push(spelling);
                framing_kinds.push(*kind);
            }
        }
    }
    Compiled {
        cues: automaton(&texts),
        patterns,
        framings: automaton(&framing_texts),
        framing_kinds,
    }
});

/// A design and the text that named it.
#[derive(Debug, PartialEq, Eq)]
pub struct Cue {
    pub design: Design,
    pub cue: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `text[start..end]` stands on word boundaries (the end only unless `prefix`).
fn on_boundaries(text: &str, start: usize, end: usize, prefix: bool) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    let first = text.get(start..).and_then(|t| t.chars().next());
    let last = text.get(..end).and_then(|t| t.chars().next_back());
    let open = !(before.is_some_and(is_word_char) && first.is_some_and(is_word_char));
    let close = prefix || !(after.is_some_and(is_word_char) && last.is_some_and(is_word_char));
    open && close
}

/// The start of the count just before `start` ("Eight " in "Eight Cases"), if there is one.
fn count_before(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?;
    let trimmed = before.trim_end();
    let word_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == ',')
        .last()
        .map(|(i, _)| i)?;
    let word = trimmed.get(word_start..)?;
    let numeral = word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == ',');
    let spelled = COUNT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word));
    (numeral || spelled).then_some(word_start)
}

/// Where the clause holding `start` begins, no further back than `FRAMING_REACH`.
fn clause_start(text: &str, start: usize) -> usize {
    let mut from = start.saturating_sub(FRAMING_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..start)
        .and_then(|window| window.rfind(['.', ';', ':', '?', '!', '(', ')']))
        .map_or(from, |i| from + i + 1)
}

/// The framing that governs a cue at `start`, with where the framing begins.
fn framing(text: &str, start: usize) -> Option<(Framing, usize)> {
    let from = clause_start(text, start);
    let window = text.get(from..start)?;
    let compiled = &*COMPILED;
    compiled
        .framings
        .find_iter(window)
        .filter(|m| on_boundaries(window, m.start(), m.end(), false))
        .map(|m| (compiled.framing_kinds[m.pattern().as_usize()], m))
        .filter(|(kind, m)| {
            let gap = window
                .get(m.end()..)
                .map_or(0, |g| g.split_whitespace().count());
            gap <= framing_gap(*kind)
        })
        .map(|(kind, m)| (kind, from + m.start()))
        // A secondary analysis outranks a mention in the same clause: "secondary analysis of
        // a large randomized trial".
        .min_by_key(|(kind, start)| (*kind == Framing::Mention, *start))
}

/// A cue found in the text: its row and the span the cue text covers.
struct Hit {
    row: usize,
    design: Design,
    start: usize,
    end: usize,
}

/// The design `text` names when it stands at `place`, if it names one.
pub fn classify(text: &str, place: Place) -> Option<Cue> {
    classify_among(text, place, None)
}

/// Like [`classify`], considering only cues for the designs in `among` when given.
pub fn classify_among(text: &str, place: Place, among: Option<&[Design]>) -> Option<Cue> {
    let compiled = &*COMPILED;
    let mut best: Option<Hit> = None;
    for m in compiled.cues.find_iter(text) {
        for pattern in &compiled.patterns[m.pattern().as_usize()] {
            // Only a row listed before the best so far can change the answer.
            if best.as_ref().is_some_and(|b| b.row <= pattern.row) {
                continue;
            }
            if let Some(hit) = hit(text, &m, *pattern, place, among) {
                best = Some(hit);
            }
        }
    }
    best.and_then(|hit| {
        text.get(hit.start..hit.end).map(|cue| Cue {
            design: hit.design,
            cue: cue.to_string(),
        })
    })
}

/// The cue `pattern` makes of the match `m`, if its row applies here and no framing makes it a
/// mention.
fn hit(
    text: &str,
    m: &aho_corasick::Match,
    pattern: Pattern,
    place: Place,
    among: Option<&[Design]>,
) -> Option<Hit> {
    let row = CUES.get(pattern.row)?;
    let design = row.design?;
    if !row.places.admit(place) || among.is_some_and(|designs| !designs.contains(&design)) {
        return None;
    }
    let end = if pattern.prefix {
        word_end(text, m.end())
    } else {
        plural_end(text, m.end())
    };
    if !on_boundaries(text, m.start(), end, pattern.prefix) {
        return None;
    }
    let mut start = m.start();
    if pattern.counted {
        start = count_before(text, start)?;
    }
    match framing(text, start) {
        Some((Framing::Mention, _)) => return None,
        Some((Framing::Secondary, framing_start)) => start = framing_start,
        None => {}
    }
    Some(Hit {
        row: pattern.row,
        design,
        start,
        end,
    })
}

/// `from`, or one past it when a plural "s" ends the word there ("trials", "cohorts").
fn plural_end(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some('s' | 'S'), next) if !next.is_some_and(is_word_char) => from + 1,
        _ => from,
    }
}

/// The end of the word that continues at `from` ("meta-analy" -> "meta-analyses").
fn word_end(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.find(|c: char| !is_word_char(c)))
        .map_or(text.len(), |i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> Option<(Design, String)> {
        classify(text, Place::Title).map(|c| (c.design, c.cue))
    }

    fn abstract_(text: &str) -> Option<(Design, String)> {
        classify(text, Place::Abstract).map(|c| (c.design, c.cue))
    }

    fn is(design: Design, cue: &str) -> Option<(Design, String)> {
        Some((design, cue.to_string()))
    }

    #[test]
    fn each_design_has_a_title_cue() {
        let cases = [
            (
                "Spinal Cord Stimulation and Thalamic Pain: Long-term Results of Eight Cases.",
                is(Design::CaseSeries, "Eight Cases"),
            ),
            (
                "Pregabalin in 40 consecutive patients with pain",
                is(Design::CaseSeries, "40 consecutive patients"),
            ),
            (
                "Gabapentin for neuropathic pain: a systematic review and meta-analysis",
                is(Design::MetaAnalysis, "meta-analysis"),
            ),
            (
                "Exercise for back pain: a systematic review",
                is(Design::SystematicReview, "systematic review"),
            ),
            (
                "An umbrella review of exercise",
                is(Design::SystematicReview, "umbrella review"),
            ),
            (
                "A pooled analysis of three cohorts",
                is(Design::MetaAnalysis, "pooled analysis"),
            ),
            (
                "A randomised, double-blind, placebo-controlled trial of duloxetine",
                is(Design::RandomisedTrial, "randomised"),
            ),
            (
                "Duloxetine versus placebo: an RCT",
                is(Design::RandomisedTrial, "RCT"),
            ),
            (
                "A non-randomised comparison of two dressings",
                is(Design::NonRandomisedTrial, "non-randomised"),
            ),
            (
                "Statin use and dementia: a population-based cohort study",
                is(Design::Cohort, "cohort"),
            ),
            (
                "Risk factors for stroke: a case-control study",
                is(Design::CaseControl, "case-control"),
            ),
            (
                "Depression among nurses: a cross-sectional study",
                is(Design::CrossSectional, "cross-sectional"),
            ),
            (
                "Thalamic pain after stroke: a case report",
                is(Design::CaseReport, "case report"),
            ),
            (
                "A 15-year-old boy with fulminant hepatic failure.",
                is(Design::CaseReport, "year-old boy"),
            ),
            (
                "Diagnostic accuracy of MRI for thalamic stroke",
                is(Design::DiagnosticAccuracy, "Diagnostic accuracy"),
            ),
            (
                "Living with pain: a qualitative study",
                is(Design::Qualitative, "qualitative study"),
            ),
            (
                "NICE guideline on neuropathic pain",
                is(Design::Guideline, "guideline"),
            ),
            (
                "Management of neuropathic pain: a consensus statement",
                is(Design::ConsensusStatement, "consensus statement"),
            ),
            (
                "Editorial: the trouble with opioids",
                is(Design::ExpertOpinion, "Editorial"),
            ),
            (
                "Central post-stroke pain: a review",
                is(Design::NarrativeReview, "review"),
            ),
            (
                "Gabapentin reduces allodynia in rats",
                is(Design::Preclinical, "in rats"),
            ),
            (
                "Gabapentin and thalamic neurons in vitro",
                is(Design::Preclinical, "in vitro"),
            ),
            (
                "Erratum: Gabapentin for neuropathic pain",
                is(Design::Notice, "Erratum"),
            ),
            (
                "Study protocol: duloxetine for central pain",
                is(Design::Protocol, "Study protocol"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(title(text), expected, "{text}");
        }
    }

    #[test]
    fn abstract_cues_beyond_the_word_randomized() {
        let cases = [
            (
                "Patients were randomly assigned to gabapentin or placebo.",
                is(Design::RandomisedTrial, "randomly assigned"),
            ),
            (
                "In a double-blind study, 28 patients received venlafaxine.",
                is(Design::RandomisedTrial, "double-blind"),
            ),
            (
                "A crossover study of two inhalers in 12 volunteers.",
                is(Design::RandomisedTrial, "crossover"),
            ),
            (
                "Women received oestradiol or placebo for a year.",
                is(Design::RandomisedTrial, "placebo"),
            ),
            (
                "Allocation concealment was by sealed envelopes.",
                is(Design::RandomisedTrial, "Allocation concealment"),
            ),
            (
                "SEARCH STRATEGY: We searched MEDLINE. SELECTION CRITERIA: trials.",
                is(Design::SystematicReview, "SEARCH STRATEGY"),
            ),
            (
                "We describe a 92-year-old male patient with lupus.",
                is(Design::CaseReport, "year-old male"),
            ),
            (
                "Semi-structured interviews were analysed thematically.",
                is(Design::Qualitative, "Semi-structured interviews"),
            ),
            (
                "Rats were randomly assigned to magnesium or saline.",
                is(Design::Preclinical, "Rats were"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(abstract_(text), expected, "{text}");
        }
    }

    #[test]
    fn case_reports_that_name_their_patient_rather_than_a_case() {
        assert_eq!(
            abstract_("We report a child who presented with epiglottitis after varicella."),
            is(Design::CaseReport, "We report a child")
        );
        assert_eq!(
            abstract_("The following is a report of a single pelvic nodule."),
            is(Design::CaseReport, "report of a single")
        );
        assert_eq!(
            title("Severe leukopenia in a patient with epilepsy treated with valproate"),
            is(Design::CaseReport, "in a patient with")
        );
        assert_eq!(
            abstract_("A brief illustrative case history is also provided."),
            is(Design::CaseReport, "illustrative case")
        );
        // A population is no patient.
        assert_eq!(
            title("Pain relief in a patient population with cancer"),
            None
        );
        assert_eq!(title("Hereditary hemochromatosis in siblings"), None);
    }

    #[test]
    fn a_protocol_is_not_a_trial() {
        assert_eq!(
            title("Protocol for a randomized trial of duloxetine in central pain"),
            is(Design::Protocol, "Protocol for a randomized")
        );
        assert_eq!(
            abstract_("Participants will be randomized to duloxetine or placebo."),
            is(Design::Protocol, "will be randomized")
        );
    }

    #[test]
    fn a_review_of_trials_is_a_review() {
        assert_eq!(
            title("A review of randomized trials of acupuncture"),
            is(Design::NarrativeReview, "review")
        );
        assert_eq!(
            title("A systematic review of randomised controlled trials of acupuncture"),
            is(Design::SystematicReview, "systematic review")
        );
        assert_eq!(
            title("Meta-analysis of randomized trials of statins"),
            is(Design::MetaAnalysis, "Meta-analysis")
        );
    }

    #[test]
    fn a_secondary_analysis_says_so() {
        assert_eq!(
            title("Depression and costs: secondary analysis of a randomized trial"),
            is(
                Design::RandomisedTrial,
                "secondary analysis of a randomized trial"
            )
        );
        assert_eq!(
            abstract_("We describe a post hoc analysis of a large randomised trial of aspirin."),
            is(
                Design::RandomisedTrial,
                "post hoc analysis of a large randomised trial"
            )
        );
    }

    #[test]
    fn mentions_of_other_studies_do_not_count() {
        assert_eq!(
            abstract_("Previous randomized trials were small. We followed 300 patients."),
            None
        );
        assert_eq!(
            abstract_("Recent cohort studies disagree. We measured vitamin D in 90 patients."),
            None
        );
        assert_eq!(
            title("Placebos: a review of the placebo response"),
            is(Design::NarrativeReview, "review")
        );
    }

    #[test]
    fn shadowed_phrases_are_not_cues() {
        assert_eq!(
            title("Outcomes of in vitro fertilization in older women"),
            None
        );
        assert_eq!(
            abstract_("A randomly selected sample of 2000 adults answered."),
            None
        );
        assert_eq!(title("Intensive case management for psychosis"), None);
        // "rct" inside a word is no cue.
        assert_eq!(title("Myocardial infarct size after stenting"), None);
    }

    #[test]
    fn counts_must_be_counts() {
        assert_eq!(title("Outcomes in older patients"), None);
        assert_eq!(
            title("Thalamic pain: 1,200 cases"),
            is(Design::CaseSeries, "1,200 cases")
        );
        // Counted cues are for titles: every abstract counts its patients.
        assert_eq!(abstract_("We studied 46 patients."), None);
    }

    #[test]
    fn no_cue_means_no_design() {
        assert_eq!(
            title("The Efficacy of Gabapentin in Patients with Central Post-stroke Pain."),
            None
        );
        assert_eq!(
            title("Treatment of thalamic pain by chronic motor cortex stimulation."),
            None
        );
        assert_eq!(
            title("Stellate Ganglion Block for Central Post-stroke Pain."),
            None
        );
    }

    #[test]
    fn spellings_cover_hyphens_and_british_forms() {
        let s = spellings("double-blind");
        assert!(s.contains(&"double blind".to_string()));
        assert!(s.contains(&"doubleblind".to_string()));
        let s = spellings("randomized");
        assert!(s.contains(&"randomised".to_string()));
        let s = spellings("meta-analy");
        assert!(s.contains(&"metaanaly".to_string()));
    }
}

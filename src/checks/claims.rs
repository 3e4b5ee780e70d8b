//! The claim lexicon: which words make a sentence a recommendation, an efficacy claim, a
//! strong claim or a claim of recency, how strongly each asserts, and which sentences are not
//! claims that need a source at all.
//!
//! Strength follows the research on exaggeration in health claims (Sumner et al., BMJ 2014;
//! Adams et al., PLoS One 2017): a direct causal or imperative statement ("reduces", "should")
//! asserts more than one with "can", which asserts more than a hedged one ("may", "might",
//! "associated with"). A hedged statement is not a claim that needs a source on its own.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Sentence;

/// What a cue makes of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// Advice: "should", "is recommended", "consider".
    Recommendation,
    /// That an intervention works or causes something: "reduces", "is effective".
    Efficacy,
    /// Wording only high-level evidence can carry: "confirms", "proves" (CG203).
    Strong,
    /// Calls the evidence recent (CG202).
    Recency,
}

/// How firmly a cue asserts, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// "may", "might", "associated with": a possibility or a correlation.
    Hedged,
    /// "can": a capability.
    Can,
    /// A direct causal, imperative or certain statement.
    Direct,
}

/// One entry of the lexicon: a case-insensitive pattern, its kind and its strength.
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub pattern: &'static str,
    pub kind: CueKind,
    pub strength: Strength,
}

const fn cue(pattern: &'static str, kind: CueKind, strength: Strength) -> Cue {
    Cue {
        pattern,
        kind,
        strength,
    }
}

use CueKind::{Efficacy, Recency, Recommendation, Strong};
use Strength::{Can, Direct, Hedged};

/// The lexicon, one table. Verb forms are chosen so that descriptive uses do not match: the past
/// tense "considered" reports what someone did, "to avoid bias" states a purpose, "first-line
/// drugs" names a class; only "consider", "should be considered" and "is first-line" advise.
pub const LEXICON: &[Cue] = &[
    // Recommendation.
    cue(r"\bshould\b", Recommendation, Direct),
    cue(r"\bmust\b", Recommendation, Direct),
    cue(
        r"\b(?:is|are) (?:strongly )?recommended\b",
        Recommendation,
        Direct,
    ),
    cue(
        r"\brecommend(?:s|ed)? (?:that|the use|against|using|treating)\b",
        Recommendation,
        Direct,
    ),
    cue(
        r"\b(?:is|are|as|remains?) (?:the |a )?(?:preferred )?first[- ]line\b",
        Recommendation,
        Direct,
    ),
    cue(r"\bconsider\b", Recommendation, Direct),
    cue(r"\b(?:can|may|could) be considered\b", Recommendation, Can),
    cue(r"\bavoid\b", Recommendation, Direct),
    cue(r"\b(?:is|are|be) avoided\b", Recommendation, Direct),
    cue(
        r"\b(?:is|are) indicated (?:for|in (?:patients|people|adults|children|women|men|those))\b",
        Recommendation,
        Direct,
    ),
    cue(r"\btreatment of choice\b", Recommendation, Direct),
    // Efficacy and causation.
    cue(r"\breduc(?:e|es|ed)\b", Efficacy, Direct),
    cue(r"\bimprov(?:e|es|ed)\b", Efficacy, Direct),
    cue(r"\bprevent(?:s|ed)?\b", Efficacy, Direct),
    cue(r"\bcur(?:e|es|ed)\b", Efficacy, Direct),
    cue(r"\bcaus(?:e|es|ed)\b", Efficacy, Direct),
    cue(r"\b(?:is|are) (?:highly )?effective\b", Efficacy, Direct),
    cue(r"\beffective (?:in|for|at)\b", Efficacy, Direct),
    cue(r"\bcan help\b", Efficacy, Can),
    cue(r"\bhelps\b", Efficacy, Direct),
    cue(r"\brelieve(?:s|d)?\b", Efficacy, Direct),
    cue(r"\balleviate(?:s|d)?\b", Efficacy, Direct),
    cue(r"\bbenefits? from\b", Efficacy, Direct),
    cue(r"\b(?:is|are) beneficial\b", Efficacy, Direct),
    cue(r"\bassociated with\b", Efficacy, Hedged),
    cue(r"\blinked (?:to|with)\b", Efficacy, Hedged),
    // Strong wording (CG203).
    cue(r"\bconfirm(?:s|ed|ing)?\b", Strong, Direct),
    cue(r"\bdemonstrat(?:e|es|ed|ing)\b", Strong, Direct),
    cue(r"\bprov(?:e|es|ed|en)\b", Strong, Direct),
    cue(r"\bestablish(?:es|ed)\b", Strong, Direct),
    cue(r"\bdefinitive(?:ly)?\b", Strong, Direct),
    cue(r"\bconclusive(?:ly)?\b", Strong, Direct),
    cue(r"\bhighest[- ]quality\b", Strong, Direct),
    cue(r"\bfirst[- ]line\b", Strong, Direct),
    cue(r"\bclearly show(?:s|n|ed)?\b", Strong, Direct),
    cue(r"\bgold standard\b", Strong, Direct),
    cue(r"\btreatment of choice\b", Strong, Direct),
    // Recency (CG202).
    cue(r"\brecent(?:ly)?\b", Recency, Direct),
    cue(r"\blatest\b", Recency, Direct),
    cue(r"\bnewest\b", Recency, Direct),
    cue(r"\bemerging\b", Recency, Direct),
    cue(
        r"\bnew (?:evidence|data|studies|study|trials?|research|findings)\b",
        Recency,
        Direct,
    ),
    cue(r"\bcurrent evidence\b", Recency, Direct),
    cue(r"\bto date\b", Recency, Direct),
    cue(r"\bup[- ]to[- ]date\b", Recency, Direct),
];

/// Words just before a cue that weaken it to `Hedged` ("may reduce", "could be avoided").
const HEDGES: &str = r"\b(?:may|might|could|would|possibly|potentially|perhaps|probably|likely to|appears? to|seems? to|whether|if)\b";

/// A sentence that opens by hedging everything it says: "It may also be possible to reduce
/// the vomiting caused by the drug".
const HEDGED_OPENING: &str = r"^\W*(?:it|this|these|they|such \w+) (?:may|might|could|would|is (?:possible|conceivable|unclear|not known|plausible)|remains (?:unclear|unknown))\b";

/// Advice about research or reading, not about care: "these should be synthesized", "future
/// trials should", "should be interpreted with caution". It drops the sentence's recommendation
/// cues (an efficacy claim in it still counts).
const RESEARCH_ADVICE: &str = r"\b(?:(?:should|must) (?:also )?(?:be )?(?:further |first |carefully )?(?:studied|investigated|explored|examined|evaluated|tested|synthesi[sz]ed|addressed|replicated|noted|interpreted|treated with caution|kept in mind|viewed|considered (?:as |to |in the (?:design|interpretation)))|(?:future|further|more) (?:research|studies|trials|work))\b";

/// "can" just before a cue: a capability, weaker than a direct statement.
const CAN: &str = r"\bcan(?:not)?\b";

/// A word just before a participle that makes it an adjective ("of reduced mortality") or a
/// purpose ("to avoid bias", "to reduce swelling"), or a compound ("all-cause"): a description,
/// not a claim.
const DESCRIPTIVE_BEFORE: &str = r"(?:(?:\b(?:of|with|in|to|a|an|the|for|by|from|as|than))\s*|-)$";

/// Words that name an intervention: a recommendation about "treatment" in general is advice
/// on care, not a claim about a therapy that needs a source.
const INTERVENTION: &[&str] = &[
    r"\btherap(?:y|ies)\b",
    r"\bmedications?\b",
    r"\bdrugs?\b",
    r"\b(?:opioid|anticonvulsant|antidepressant|analgesic|antibiotic|statin|antiplatelet|anticoagulant|antipsychotic|steroid|corticosteroid|diuretic|antihypertensive|bisphosphonate)s?\b",
    // Drug classes named by their action: "SGLT2 inhibitors", "beta-blockers".
    r"\b(?:inhibitor|blocker|agonist|antagonist)s?\b",
    r"\bvaccin(?:e|es|ation)\b",
    r"\bstimulation\b",
    r"\bblock(?:s|ade)?\b",
    r"\bsurg(?:ery|ical)\b",
    r"\b(?:injection|infusion|implant|supplement)s?\b",
    r"\bsupplementation\b",
    r"\b(?:exercise|rehabilitation|physiotherapy|psychotherapy|counsell?ing|ablation|radiotherapy|chemotherapy)\b",
    r"\b(?:aspirin|insulin|paracetamol|acetaminophen|morphine|ketamine|lidocaine|botulinum)\b",
    // Drug names by their International Nonproprietary Name stems.
    r"\b\w+(?:mab|nib|pril|sartan|olol|statin|pentin|gabalin|tyline|xetine|triptan|profen|fenac|cillin|mycin|floxacin|azole|parin|dipine|prazole|azepam|zepam|setron|gliptin|gliflozin|glutide)\b",
];

/// A section heading that presents its contents as recent (CG202).
const RECENT_HEADING: &[&str] = &[
    r"\brecent\b",
    r"\bnew\b",
    r"\blatest\b",
    r"\bemerging\b",
    r"\bcurrent evidence\b",
    r"\bupdates?\b",
    r"\badvances\b",
];

/// The article speaking of its own work, which needs no citation.
const OWN_WORK: &[&str] = &[
    r"\b(?:we|our (?:study|trial|results|data|findings|analysis|analyses|review))\s+(?:\w+ly\s+)?(?:found|find|show|showed|shown|report|reported|observed|observe|demonstrate[sd]?|considered|included|excluded|identified|estimated|used|assessed|examined)\b",
    r"\bhere,? we\b",
    r"\bin (?:this|the present|the current|our) (?:study|trial|analysis|review|cohort|paper|article|work|sample|population)\b",
    r"\b(?:this|the present|the current|our) (?:study|trial|analysis|review|meta-analysis|paper|article)\b",
    r"\b(?:these|our) (?:results|findings|data)\b",
];

/// Headings of the parts of a research article that report its own methods and results:
/// sentences there describe what was done and found, not claims that need a source.
const REPORTING_HEADING: &[&str] = &[
    r"\bmethods?\b",
    r"\bmethodology\b",
    r"\bmaterials\b",
    r"\bresults\b",
    r"\bfindings\b",
    r"\bstatistic(?:s|al)\b",
    r"\bparticipants\b",
    r"\bstudy (?:design|population|setting|sample|area|site|procedures?)\b",
    r"\bdata (?:collection|analysis|sources?|extraction|synthesis|management)\b",
    r"\b(?:primary|secondary)? ?outcome(?:s| measures)?\b",
    r"\bsample size\b",
    r"\brandomi[sz]ation\b",
    r"\beligibility\b",
    r"\brecruitment\b",
    r"\bethic(?:s|al)\b",
    r"\bsearch strategy\b",
    r"\bexperimental (?:design|procedures?|setup)\b",
    r"\bsupplementary\b",
];

/// The article pointing at its own figures and tables: a sentence that does so reports the
/// article's results ("depression scores were reduced (Table 3)").
const OWN_EXHIBIT: &str = r"\b(?:fig(?:ure|s?\.)?|table|appendix|supplementary (?:table|figure)|text s|table s|figure s)\s*s?\d";

/// Words that make a claim one about people, for CG203's preclinical check.
const HUMAN: &str = r"\b(?:patients?|people|persons?|humans?|adults?|children|infants|women|men|clinical(?:ly)?|participants|individuals)\b";

/// Compile a pattern. Word boundaries are ASCII ones: the lexicon is English, and a Unicode
/// `\b` keeps the regex engine off its fast DFA path on every sentence with a non-ASCII letter.
fn compile_one(pattern: &str) -> Regex {
    let ascii_boundaries = pattern.replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!("(?i){ascii_boundaries}")).expect("claim lexicon pattern compiles")
}

fn compile(patterns: &[&str]) -> Vec<Regex> {
    patterns.iter().map(|p| compile_one(p)).collect()
}

/// The default lexicon compiled, entry by entry.
static LEXICON_RE: LazyLock<Vec<(Regex, CueKind, Strength)>> = LazyLock::new(|| {
    LEXICON
        .iter()
        .map(|c| (compile_one(c.pattern), c.kind, c.strength))
        .collect()
});

/// The lexicon in force for a run: the default table, less the entries a configuration turns
/// off, plus the phrases it adds (`[claims]` in `citegrade.toml`).
#[derive(Clone, Debug)]
pub struct Lexicon {
    entries: Vec<(Regex, CueKind, Strength)>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon {
            entries: LEXICON_RE.clone(),
        }
    }
}

impl Lexicon {
    /// Add a literal phrase ("is advised") as a cue of `kind`, asserting directly.
    pub fn add(&mut self, phrase: &str, kind: CueKind) {
        let pattern = format!(r"\b{}\b", regex::escape(phrase.trim()));
        self.entries
            .push((compile_one(&pattern), kind, Strength::Direct));
    }

    /// Turn off every entry that matches the phrase as written ("consider", "first-line").
    /// Returns how many entries were turned off.
    pub fn remove(&mut self, phrase: &str) -> usize {
        let before = self.entries.len();
        self.entries.retain(|(re, _, _)| !re.is_match(phrase));
        before - self.entries.len()
    }
}
static HEDGE_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(HEDGES));
static HEDGED_OPENING_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(HEDGED_OPENING));
static RESEARCH_ADVICE_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(RESEARCH_ADVICE));
static CAN_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(CAN));
static DESCRIPTIVE_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(DESCRIPTIVE_BEFORE));
static INTERVENTION_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(INTERVENTION));
static RECENT_HEADING_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(RECENT_HEADING));
static OWN_WORK_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(OWN_WORK));
static REPORTING_HEADING_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(REPORTING_HEADING));
static OWN_EXHIBIT_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(OWN_EXHIBIT));
static HUMAN_RE: LazyLock<Regex> = LazyLock::new(|| compile_one(HUMAN));

/// A cue found in a sentence: the words, their byte offset in the sentence text, and how
/// firmly the sentence asserts them (the entry's strength, weakened by "may" or "can" before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueMatch {
    pub text: String,
    pub start: usize,
    pub kind: CueKind,
    pub strength: Strength,
}

/// The sentence with every quoted passage blanked out, byte for byte: a quoted title
/// ("the guideline 'Opioids should be avoided'") is not the article's own claim.
fn without_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    let mut previous = ' ';
    for c in text.chars() {
        let closes = match open {
            Some('"') => c == '"',
            Some('\u{201c}') => c == '\u{201d}',
            Some('\u{2018}') => c == '\u{2019}',
            _ => false,
        };
        // A straight or curly single quote opens only after a space or bracket: "the patient's".
        let opens = open.is_none()
            && (c == '"'
                || c == '\u{201c}'
                || (c == '\u{2018}' && (previous.is_whitespace() || previous == '(')));
        if closes {
            open = None;
            out.push(c);
        } else if opens {
            open = Some(c);
            out.push(c);
        } else if open.is_some() {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
        previous = c;
    }
    // A quote never closed is an apostrophe-like stray: keep the text as written.
    if open.is_some() {
        return text.to_string();
    }
    out
}

/// The strength the sentence gives the cue at `start`: a hedged opening of the sentence, or
/// hedges and "can" in the few words before the cue (within its clause), weaken it.
fn effective_strength(text: &str, start: usize, strength: Strength) -> Strength {
    if HEDGED_OPENING_RE.is_match(text) {
        return Strength::Hedged;
    }
    let before = text.get(..start).unwrap_or("");
    let clause_start = before
        .rfind([',', ';', ':', '(', '\u{2014}'])
        .map_or(0, |i| i + 1);
    let clause = before.get(clause_start..).unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().collect();
    let near = words[words.len().saturating_sub(4)..].join(" ");
    if HEDGE_RE.is_match(&near) {
        Strength::Hedged
    } else if CAN_RE.is_match(&near) {
        strength.min(Strength::Can)
    } else {
        strength
    }
}

/// Every cue of `kinds` in the sentence text (quotes blanked), earliest first.
fn cues(lexicon: &Lexicon, text: &str, kinds: &[CueKind]) -> Vec<CueMatch> {
    let masked = without_quotes(text);
    let mut found: Vec<CueMatch> = lexicon
        .entries
        .iter()
        .filter(|(_, kind, _)| kinds.contains(kind))
        .flat_map(|(re, kind, strength)| {
            re.find_iter(&masked).map(move |m| {
                (
                    m,
                    Cue {
                        pattern: "",
                        kind: *kind,
                        strength: *strength,
                    },
                )
            })
        })
        .filter(|(m, cue)| {
            let before = masked.get(..m.start()).unwrap_or("");
            matches!(cue.kind, CueKind::Strong | CueKind::Recency)
                || !DESCRIPTIVE_BEFORE_RE.is_match(before)
        })
        .map(|(m, cue)| CueMatch {
            text: text.get(m.range()).unwrap_or(m.as_str()).to_string(),
            start: m.start(),
            kind: cue.kind,
            strength: effective_strength(&masked, m.start(), cue.strength),
        })
        .collect();
    found.sort_by_key(|c| c.start);
    found
}

/// True when the sentence sits under a heading of the article's methods or results.
pub fn in_reporting_section(sentence: &Sentence) -> bool {
    sentence
        .section
        .as_deref()
        .is_some_and(|h| REPORTING_HEADING_RE.iter().any(|p| p.is_match(h)))
}

/// True for a heading that came through as text: short, no full stop, and in Title Case or
/// ending with a colon ("Why Opioids Should Be Avoided"). A list item in sentence case without
/// a full stop ("Statins reduce mortality in diabetics") is still a sentence.
fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    if text.contains(['.', '!', ';']) || text.split_whitespace().count() > 12 {
        return false;
    }
    let long_words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let capitalised = long_words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    text.ends_with(':') || (long_words.len() >= 2 && capitalised * 5 >= long_words.len() * 3)
}

/// Why the sentence is not a claim that needs a source, if it is not: a question, a heading,
/// the article's own work, methods or results, or a pointer to its own figures and tables.
pub fn not_a_claim(sentence: &Sentence) -> bool {
    let text = without_quotes(&sentence.text);
    text.trim_end().ends_with('?')
        || looks_like_heading(&text)
        || in_reporting_section(sentence)
        || OWN_WORK_RE.iter().any(|p| p.is_match(&text))
        || OWN_EXHIBIT_RE.is_match(&text)
}

/// Strong wording in the sentence, if any, unless hedged ("may demonstrate").
pub fn strong_wording(lexicon: &Lexicon, sentence: &Sentence) -> Option<CueMatch> {
    cues(lexicon, &sentence.text, &[CueKind::Strong])
        .into_iter()
        .find(|c| c.strength > Strength::Hedged)
}

/// A recommendation or efficacy claim about a named intervention, if the sentence makes one
/// firmly enough to need a source ("can" or stronger).
pub fn clinical_claim(lexicon: &Lexicon, sentence: &Sentence) -> Option<CueMatch> {
    if not_a_claim(sentence) {
        return None;
    }
    let masked = without_quotes(&sentence.text);
    if !INTERVENTION_RE.iter().any(|p| p.is_match(&masked)) {
        return None;
    }
    let kinds: &[CueKind] = if RESEARCH_ADVICE_RE.is_match(&masked) {
        &[CueKind::Efficacy]
    } else {
        &[CueKind::Recommendation, CueKind::Efficacy]
    };
    cues(lexicon, &sentence.text, kinds)
        .into_iter()
        .find(|c| c.strength > Strength::Hedged)
}

/// True when the sentence speaks of patients or people, not of cells or animals.
pub fn about_humans(sentence: &Sentence) -> bool {
    HUMAN_RE.is_match(&without_quotes(&sentence.text))
}

/// Words calling the cited evidence recent, if the sentence uses any.
pub fn recency_wording(lexicon: &Lexicon, sentence: &Sentence) -> Option<CueMatch> {
    cues(lexicon, &sentence.text, &[CueKind::Recency])
        .into_iter()
        .next()
}

/// True when the heading presents its section as recent evidence.
pub fn is_recent_heading(heading: &str) -> bool {
    RECENT_HEADING_RE.iter().any(|p| p.is_match(heading))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence {
        Sentence {
            text: text.into(),
            ..Sentence::default()
        }
    }

    fn claim(text: &str) -> Option<(String, Strength)> {
        clinical_claim(&Lexicon::default(), &sentence(text)).map(|c| (c.text, c.strength))
    }

    #[test]
    fn every_lexicon_entry_compiles_and_matches_its_own_example() {
        // One example per kind, so a broken entry shows up by name.
        let examples = [
            ("Statins should be used.", CueKind::Recommendation),
            ("Aspirin reduces mortality.", CueKind::Efficacy),
            ("Two trials confirm it.", CueKind::Strong),
            ("Recent trials agree.", CueKind::Recency),
        ];
        assert_eq!(LEXICON_RE.len(), LEXICON.len());
        for (text, kind) in examples {
            assert_eq!(cues(&Lexicon::default(), text, &[kind]).len(), 1, "{text}");
        }
    }

    #[test]
    fn recommendations_and_efficacy_claims_with_their_strength() {
        assert_eq!(
            claim("Metformin is recommended as initial therapy."),
            Some(("is recommended".into(), Strength::Direct))
        );
        assert_eq!(
            claim(
                "For breakthrough pain, opioids may be considered but should be used cautiously."
            ),
            Some(("may be considered".into(), Strength::Can))
        );
        assert_eq!(
            claim("Physical therapy focusing on graded motor imagery can help retrain the brain."),
            Some(("can help".into(), Strength::Can))
        );
        assert_eq!(
            claim("Duloxetine reduces pain scores."),
            Some(("reduces".into(), Strength::Direct))
        );
        assert_eq!(
            claim("Exercise can reduce falls in older adults."),
            Some(("reduce".into(), Strength::Can))
        );
        assert_eq!(
            claim("Patients should avoid NSAIDs after surgery."),
            Some(("should".into(), Strength::Direct))
        );
        assert_eq!(
            claim("Metformin is first-line therapy for type 2 diabetes."),
            Some(("is first-line".into(), Strength::Direct))
        );
    }

    #[test]
    fn hedged_wording_is_not_a_claim_on_its_own() {
        assert_eq!(claim("Gabapentin may reduce pain scores."), None);
        assert_eq!(claim("Gabapentin might improve sleep."), None);
        assert_eq!(
            claim("Statin use was associated with lower mortality."),
            None
        );
        assert_eq!(
            claim("It is unclear whether more sessions of therapy would improve outcomes."),
            None
        );
        assert_eq!(
            claim("It may also be possible to cut the vomiting caused by the drug."),
            None
        );
    }

    #[test]
    fn descriptive_uses_of_cue_words_are_not_claims() {
        assert_eq!(
            claim("Regimens with first-line drugs only were excluded."),
            None
        );
        assert_eq!(claim("Drug doses were blinded to avoid bias."), None);
        assert_eq!(
            claim("Other trials of counselling exist, and these should be synthesized."),
            None
        );
        assert_eq!(
            claim("Future trials of the drug should enrol older adults."),
            None
        );
        assert_eq!(
            claim("He has avoided prizes awarded by drug companies."),
            None
        );
        assert_eq!(claim("Drug trials measured all-cause mortality."), None);
        assert_eq!(claim("The drug target is indicated in the inset."), None);
    }

    #[test]
    fn not_claims_that_need_a_source() {
        // Advice about care in general, a question, a heading.
        assert_eq!(claim("Treatment should be individualized over time."), None);
        assert_eq!(claim("Should opioids be used?"), None);
        assert_eq!(claim("Why Opioids Should Be Avoided"), None);
        assert_eq!(claim("Opioid therapy should be avoided:"), None);
        assert_eq!(
            claim("Statins reduce mortality in diabetics"),
            Some(("reduce".into(), Strength::Direct))
        );
        // The article's own work.
        assert_eq!(claim("In this study, gabapentin reduced pain."), None);
        assert_eq!(claim("We found that the drug reduced pain."), None);
        assert_eq!(claim("Our results show that therapy improves mood."), None);
        assert_eq!(
            claim("Here we show that the inhibitor prevents relapse."),
            None
        );
        assert_eq!(
            claim("Scores were reduced in the drug arm (Table 3)."),
            None
        );
        // A quoted title.
        assert_eq!(
            claim("The guideline \u{201c}Opioids should be avoided in chronic pain\u{201d} was revised."),
            None
        );
        assert_eq!(
            claim("The syndrome results from damage to the thalamus."),
            None
        );
    }

    #[test]
    fn methods_and_results_sections_report_the_article_s_work() {
        let mut s = sentence("Patients received drugs to reduce swelling and should rest.");
        assert!(clinical_claim(&Lexicon::default(), &s).is_some());
        for heading in [
            "Methods",
            "Materials and methods",
            "Results",
            "Statistical analysis",
            "Participants",
        ] {
            s.section = Some(heading.into());
            assert!(
                clinical_claim(&Lexicon::default(), &s).is_none(),
                "{heading}"
            );
        }
        s.section = Some("Discussion".into());
        assert!(clinical_claim(&Lexicon::default(), &s).is_some());
    }

    #[test]
    fn quotes_are_blanked_byte_for_byte() {
        let text = "See \"Drugs should be avoided\" and \u{201c}é must\u{201d} now.";
        let masked = without_quotes(text);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("should") && !masked.contains("must"));
        assert_eq!(
            without_quotes("the patient's drug should"),
            "the patient's drug should"
        );
    }

    #[test]
    fn strong_recent_and_human_wording() {
        assert_eq!(
            strong_wording(
                &Lexicon::default(),
                &sentence("Two studies confirm the potential of SCS.")
            )
            .map(|c| c.text),
            Some("confirm".into())
        );
        assert!(strong_wording(&Lexicon::default(), &sentence("It may help.")).is_none());
        assert!(strong_wording(
            &Lexicon::default(),
            &sentence("These cases may demonstrate a benefit.")
        )
        .is_none());
        assert!(recency_wording(&Lexicon::default(), &sentence("Recent trials agree.")).is_some());
        assert!(
            recency_wording(&Lexicon::default(), &sentence("The currently used dose.")).is_none()
        );
        assert!(is_recent_heading("Recent Evidence"));
        assert!(!is_recent_heading("Treatment Options"));
        assert!(about_humans(&sentence("It reduces pain in patients.")));
        assert!(!about_humans(&sentence(
            "It reduces tumour growth in mice."
        )));
    }
}

//! The claim lexicon: which words make a sentence a recommendation, an efficacy claim, a
//! strong claim or a claim of recency. One table per kind of cue, shared by the claim rules.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Sentence;

/// Wording that asserts more than low-level evidence can carry (CG203).
const STRONG: &[&str] = &[
    r"\bconfirm(?:s|ed|ing)?\b",
    r"\bdemonstrat(?:e|es|ed|ing)\b",
    r"\bprov(?:e|es|ed|en)\b",
    r"\bestablish(?:es|ed)\b",
    r"\bdefinitive(?:ly)?\b",
    r"\bconclusive(?:ly)?\b",
    r"\bhighest[- ]quality\b",
    r"\bfirst[- ]line\b",
    r"\bclearly show(?:s|n|ed)?\b",
    r"\bgold standard\b",
    r"\btreatment of choice\b",
];

/// Recommendation language (CG204).
const RECOMMENDATION: &[&str] = &[
    r"\bshould\b",
    r"\bmust\b",
    r"\b(?:is|are) recommended\b",
    r"\brecommend(?:s|ed)?\b",
    r"\bfirst[- ]line\b",
    r"\bconsider(?:ed)?\b",
    r"\bavoid(?:ed)?\b",
    r"\b(?:is|are) indicated\b",
    r"\btreatment of choice\b",
];

/// Efficacy and causal language (CG204).
const EFFICACY: &[&str] = &[
    r"\breduc(?:e|es|ed)\b",
    r"\bimprov(?:e|es|ed)\b",
    r"\bprevent(?:s|ed)?\b",
    r"\bcur(?:e|es|ed)\b",
    r"\b(?:is|are) effective\b",
    r"\beffective (?:in|for|at)\b",
    r"\bcan help\b",
    r"\bhelps?\b",
    r"\brelieve(?:s|d)?\b",
    r"\balleviate(?:s|d)?\b",
    r"\bbenefits?\b",
];

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

/// Calls the evidence recent (CG202).
const RECENCY: &[&str] = &[
    r"\brecent(?:ly)?\b",
    r"\blatest\b",
    r"\bnewest\b",
    r"\bemerging\b",
    r"\bnew (?:evidence|data|studies|study|trials?|research|findings)\b",
    r"\bcurrent evidence\b",
    r"\bto date\b",
    r"\bup[- ]to[- ]date\b",
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
    r"\b(?:we|our (?:study|results|data|findings))\s+(?:found|find|show|showed|shown|report|reported|observed|demonstrate[sd]?)\b",
    r"\bin (?:this|the present|our) (?:study|trial|analysis|cohort)\b",
];

/// Compile a lexicon. Word boundaries are ASCII ones: the lexicon is English, and a Unicode
/// `\b` keeps the regex engine off its fast DFA path on every sentence with a non-ASCII letter.
fn compile(patterns: &[&str]) -> Vec<Regex> {
    patterns
        .iter()
        .map(|p| {
            let ascii_boundaries = p.replace(r"\b", r"(?-u:\b)");
            Regex::new(&format!("(?i){ascii_boundaries}")).expect("claim lexicon pattern compiles")
        })
        .collect()
}

static STRONG_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(STRONG));
static RECOMMENDATION_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(RECOMMENDATION));
static EFFICACY_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(EFFICACY));
static INTERVENTION_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(INTERVENTION));
static RECENCY_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(RECENCY));
static RECENT_HEADING_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(RECENT_HEADING));
static OWN_WORK_RE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(OWN_WORK));

/// A cue found in a sentence: the words and their byte offset in the sentence text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueMatch {
    pub text: String,
    pub start: usize,
}

/// The earliest match of any pattern.
fn earliest(patterns: &[Regex], text: &str) -> Option<CueMatch> {
    patterns
        .iter()
        .filter_map(|p| p.find(text))
        .min_by_key(|m| m.start())
        .map(|m| CueMatch {
            text: m.as_str().to_string(),
            start: m.start(),
        })
}

/// Strong wording in the sentence, if any.
pub fn strong_wording(sentence: &Sentence) -> Option<CueMatch> {
    earliest(&STRONG_RE, &sentence.text)
}

/// A recommendation or efficacy claim about a named intervention, if the sentence makes one.
pub fn clinical_claim(sentence: &Sentence) -> Option<CueMatch> {
    let text = &sentence.text;
    if text.trim_end().ends_with('?') || OWN_WORK_RE.iter().any(|p| p.is_match(text)) {
        return None;
    }
    earliest(&INTERVENTION_RE, text)?;
    let recommendation = earliest(&RECOMMENDATION_RE, text);
    let efficacy = earliest(&EFFICACY_RE, text);
    match (recommendation, efficacy) {
        (Some(a), Some(b)) => Some(if a.start <= b.start { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Words calling the cited evidence recent, if the sentence uses any.
pub fn recency_wording(sentence: &Sentence) -> Option<CueMatch> {
    earliest(&RECENCY_RE, &sentence.text)
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

    #[test]
    fn claims_about_interventions() {
        let claim = |t: &str| clinical_claim(&sentence(t)).map(|c| c.text);
        assert_eq!(
            claim(
                "For breakthrough pain, opioids may be considered but should be used cautiously."
            ),
            Some("considered".into())
        );
        assert_eq!(
            claim("Physical therapy focusing on graded motor imagery can help retrain the brain."),
            Some("can help".into())
        );
        assert_eq!(
            claim("Duloxetine reduces pain scores."),
            Some("reduces".into())
        );
    }

    #[test]
    fn not_claims() {
        let claim = |t: &str| clinical_claim(&sentence(t));
        assert_eq!(claim("Treatment should be individualized over time."), None);
        assert_eq!(claim("Should opioids be used?"), None);
        assert_eq!(claim("In this study, gabapentin reduced pain."), None);
        assert_eq!(
            claim("The syndrome results from damage to the thalamus."),
            None
        );
    }

    #[test]
    fn strong_and_recent_wording() {
        assert_eq!(
            strong_wording(&sentence("Two studies confirm the potential of SCS.")).map(|c| c.text),
            Some("confirm".into())
        );
        assert!(strong_wording(&sentence("It may help.")).is_none());
        assert!(recency_wording(&sentence("Recent trials agree.")).is_some());
        assert!(recency_wording(&sentence("The currently used dose.")).is_none());
        assert!(is_recent_heading("Recent Evidence"));
        assert!(!is_recent_heading("Treatment Options"));
    }
}

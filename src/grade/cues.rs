//! Design cues: words in a title that name a study design. One table, tried in order, the first
//! match deciding; a title with no cue is `unknown`, never a guess.
//!
//! The order matters: an animal experiment is preclinical whatever else it says; a
//! meta-analysis or systematic review of trials is not itself a trial; a case report with a
//! review of the literature is a case report.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Design;

/// Number words and numerals, for "Eight Cases" and "12 patients".
const COUNT: &str = r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)";

/// (design, patterns) in priority order. Patterns are case-insensitive.
fn table() -> Vec<(Design, Vec<String>)> {
    let owned = |patterns: &[&str]| patterns.iter().map(|p| p.to_string()).collect();
    vec![
        (
            Design::Preclinical,
            owned(&[
                r"\b(?:in|of) (?:rats?|mice|mouse|murine models?|rodents?|rabbits?|dogs?|pigs?|piglets?|sheep|primates?|monkeys?|zebrafish)\b",
                r"\bin vitro\b",
                r"\b(?:animal|rodent|murine|rat|mouse) models?\b",
                r"\bcell lines?\b",
            ]),
        ),
        (
            Design::MetaAnalysis,
            owned(&[
                r"\bmeta-?analy[sz](?:is|es|ed)\b",
                r"\bmeta-?analytic\b",
                r"\bpooled analysis\b",
            ]),
        ),
        (
            Design::SystematicReview,
            owned(&[
                r"\bsystematic (?:literature )?review\b",
                r"\bumbrella review\b",
                r"\bcochrane review\b",
            ]),
        ),
        (
            Design::Guideline,
            owned(&[
                r"\bguidelines?\b",
                r"\bpractice parameters?\b",
                r"\bconsensus statement\b",
                r"\bposition statement\b",
            ]),
        ),
        (
            Design::RandomisedTrial,
            owned(&[
                r"\brandomi[sz]ed\b[\w\s,-]{0,60}?\btrials?\b",
                r"\brandomi[sz]ed controlled\b",
                r"\bRCT\b",
            ]),
        ),
        (Design::CaseControl, owned(&[r"\bcase[- ]control\b"])),
        (
            Design::Cohort,
            owned(&[
                r"\bcohort\b",
                r"\bprospective (?:study|follow-up)\b",
                r"\blongitudinal study\b",
            ]),
        ),
        (
            Design::CaseReport,
            owned(&[r"\bcase reports?\b", r"\ba case of\b", r"\bcase study\b"]),
        ),
        (
            Design::CaseSeries,
            vec![
                r"\bcase series\b".to_string(),
                format!(r"\b{COUNT}\s+(?:consecutive\s+)?(?:cases|patients)\b"),
            ],
        ),
        (
            Design::NarrativeReview,
            owned(&[
                r"\breview\b",
                r"\boverview\b",
                r"\bupdate on\b",
                r"\bstate of the art\b",
            ]),
        ),
    ]
}

static CUES: LazyLock<Vec<(Design, Vec<Regex>)>> = LazyLock::new(|| {
    table()
        .into_iter()
        .map(|(design, patterns)| {
            let compiled = patterns
                .iter()
                .map(|p| Regex::new(&format!("(?i){p}")).expect("design cue pattern compiles"))
                .collect();
            (design, compiled)
        })
        .collect()
});

/// A design and the text of the title that named it.
#[derive(Debug, PartialEq, Eq)]
pub struct Cue {
    pub design: Design,
    pub cue: String,
}

/// The design a title names, if it names one.
pub fn classify(title: &str) -> Option<Cue> {
    CUES.iter().find_map(|(design, patterns)| {
        patterns.iter().find_map(|p| {
            p.find(title).map(|m| Cue {
                design: *design,
                cue: m.as_str().to_string(),
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design(title: &str) -> Option<(Design, String)> {
        classify(title).map(|c| (c.design, c.cue))
    }

    #[test]
    fn each_design_has_a_cue() {
        let cases = [
            (
                "Spinal Cord Stimulation and Thalamic Pain: Long-term Results of Eight Cases.",
                Design::CaseSeries,
                "Eight Cases",
            ),
            (
                "Pregabalin in 40 consecutive patients with pain",
                Design::CaseSeries,
                "40 consecutive patients",
            ),
            (
                "Gabapentin for neuropathic pain: a systematic review and meta-analysis",
                Design::MetaAnalysis,
                "meta-analysis",
            ),
            (
                "Exercise for back pain: a systematic review",
                Design::SystematicReview,
                "systematic review",
            ),
            (
                "A randomised, double-blind, placebo-controlled trial of duloxetine",
                Design::RandomisedTrial,
                "randomised, double-blind, placebo-controlled trial",
            ),
            (
                "Statin use and dementia: a population-based cohort study",
                Design::Cohort,
                "cohort",
            ),
            (
                "Risk factors for stroke: a case-control study",
                Design::CaseControl,
                "case-control",
            ),
            (
                "Thalamic pain after stroke: a case report",
                Design::CaseReport,
                "case report",
            ),
            (
                "NICE guideline on neuropathic pain",
                Design::Guideline,
                "guideline",
            ),
            (
                "Central post-stroke pain: a review",
                Design::NarrativeReview,
                "review",
            ),
            (
                "Gabapentin reduces allodynia in rats",
                Design::Preclinical,
                "in rats",
            ),
            (
                "A randomized trial of motor cortex stimulation in rats",
                Design::Preclinical,
                "in rats",
            ),
        ];
        for (title, expected, cue) in cases {
            assert_eq!(design(title), Some((expected, cue.to_string())), "{title}");
        }
    }

    #[test]
    fn no_cue_means_no_design() {
        assert_eq!(
            design("The Efficacy of Gabapentin in Patients with Central Post-stroke Pain."),
            None
        );
        assert_eq!(
            design("Treatment of thalamic pain by chronic motor cortex stimulation."),
            None
        );
    }
}

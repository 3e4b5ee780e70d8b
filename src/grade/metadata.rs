//! The design a bibliography's metadata states: publication types (MEDLINE `PT`, PubMed XML
//! `PublicationType`, BibTeX `type`, a CSV "publication type" column), entry types (JATS
//! `article-type` / `publication-type`, CSL-JSON `type`, RIS `TY`) and keywords (RIS `KW`,
//! BibTeX `keywords`, CSL-JSON `keyword`, MEDLINE `MH`/`OT`).
//!
//! Labels are compared after folding case, hyphens and underscores ("Case-Control Studies",
//! "case_control studies"). Keywords must equal a label: a keyword that merely mentions a design
//! ("Randomized Controlled Trials as Topic") is about the design, not of it.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{Design, Reference};

/// Publication types, in precedence order: when a record carries several, the first row that
/// matches decides. A notice or protocol is never the study it concerns; a review that pools
/// trials is not a trial; a research letter reporting a trial is a trial.
/// "Retracted Publication" marks a retracted study without changing its design: not listed.
const PUBLICATION_TYPES: &[(Design, &[&str])] = &[
    (
        Design::Notice,
        &[
            "Published Erratum",
            "Retraction of Publication",
            "Expression of Concern",
            "Correction",
            "Erratum",
            "Retraction",
        ],
    ),
    (Design::Protocol, &["Clinical Trial Protocol", "Protocol"]),
    (
        Design::Preclinical,
        &[
            "Randomized Controlled Trial, Veterinary",
            "Clinical Trial, Veterinary",
            "Observational Study, Veterinary",
        ],
    ),
    (
        Design::MetaAnalysis,
        &["Meta-Analysis", "Network Meta-Analysis"],
    ),
    (Design::SystematicReview, &["Systematic Review"]),
    (
        Design::Guideline,
        &["Practice Guideline", "Guideline", "Clinical Guideline"],
    ),
    (
        Design::ConsensusStatement,
        &[
            "Consensus Development Conference",
            "Consensus Development Conference, NIH",
            "Consensus Statement",
        ],
    ),
    (
        Design::RandomisedTrial,
        &["Randomized Controlled Trial", "Randomised Controlled Trial"],
    ),
    (
        Design::NonRandomisedTrial,
        &[
            "Controlled Clinical Trial",
            "Clinical Trial",
            "Clinical Trial, Phase I",
            "Clinical Trial, Phase II",
            "Clinical Trial, Phase III",
            "Clinical Trial, Phase IV",
            "Pragmatic Clinical Trial",
            "Equivalence Trial",
            "Adaptive Clinical Trial",
        ],
    ),
    (Design::CaseReport, &["Case Reports", "Case Report"]),
    (
        Design::Cohort,
        // NLM's "Observational Study" does not say which kind; text cues may refine it (see
        // `REFINABLE`), else it reads as the commonest kind, a cohort.
        &["Observational Study"],
    ),
    (
        Design::ExpertOpinion,
        &[
            "Editorial",
            "Letter",
            "Comment",
            "News",
            "Newspaper Article",
            "Interview",
            "Lecture",
            "Lectures",
        ],
    ),
    (Design::NarrativeReview, &["Review", "Scoping Review"]),
];

/// Entry types that name a design: JATS `article-type` values and CSL-JSON types. RIS `TY`
/// values name the kind of publication only (`CASE` is a court case, not a case report) and
/// BibTeX entry types likewise, so none are listed.
const ENTRY_TYPES: &[(Design, &[&str])] = &[
    (
        Design::Notice,
        &["correction", "retraction", "expression-of-concern"],
    ),
    (Design::Protocol, &["protocol"]),
    (Design::MetaAnalysis, &["meta-analysis"]),
    (Design::SystematicReview, &["systematic-review"]),
    (Design::Guideline, &["guideline", "practice-guideline"]),
    (Design::ConsensusStatement, &["consensus-statement"]),
    (Design::CaseReport, &["case-report"]),
    (
        Design::ExpertOpinion,
        // CSL `review` and `review-book` are reviews *of* a work (a book review): opinion.
        &[
            "editorial",
            "letter",
            "commentary",
            "reply",
            "discussion",
            "review-book",
            "review",
            "book-review",
        ],
    ),
    (Design::NarrativeReview, &["review-article"]),
];

/// Keywords that state the design of the work they describe (author keywords and MeSH
/// study-design headings, which indexers assign for the design used).
const KEYWORDS: &[(Design, &[&str])] = &[
    (Design::MetaAnalysis, &["meta-analysis", "meta analysis"]),
    (Design::SystematicReview, &["systematic review"]),
    (
        Design::RandomisedTrial,
        &[
            "randomized controlled trial",
            "randomised controlled trial",
            "randomized clinical trial",
            "randomised clinical trial",
            "RCT",
        ],
    ),
    (
        Design::NonRandomisedTrial,
        &[
            "non-randomized controlled trial",
            "quasi-experimental study",
        ],
    ),
    (
        Design::CaseControl,
        &["Case-Control Studies", "case-control study"],
    ),
    (Design::Cohort, &["Cohort Studies", "cohort study"]),
    (
        Design::CrossSectional,
        &["Cross-Sectional Studies", "cross-sectional study"],
    ),
    (Design::CaseReport, &["case report", "case reports"]),
    (
        Design::Qualitative,
        &["Qualitative Research", "qualitative study"],
    ),
    (
        Design::Guideline,
        &["practice guideline", "clinical guideline"],
    ),
];

/// Metadata designs that text cues may make more specific: "Observational Study" says only
/// that no one assigned the exposure; MEDLINE's "Review" covered systematic reviews until the
/// "Systematic Review" type arrived in 2019.
pub const REFINABLE: &[(&str, &[Design])] = &[
    (
        "Observational Study",
        &[
            Design::CaseControl,
            Design::CrossSectional,
            Design::Cohort,
            Design::CaseSeries,
        ],
    ),
    ("Review", &[Design::MetaAnalysis, Design::SystematicReview]),
];

/// A design the metadata states, with the label that stated it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stated {
    pub design: Design,
    /// The label as the source wrote it ("Randomized Controlled Trial").
    pub label: String,
    /// Which field carried it: "publication type", "entry type", "keyword".
    pub field: &'static str,
    /// Designs text cues may refine this one to.
    pub refinable_to: &'static [Design],
}

impl Stated {
    /// The cue as `design_cue` shows it: "publication type: Case Reports".
    pub fn cue(&self) -> String {
        format!("{}: {}", self.field, self.label)
    }
}

/// "Case-Control_Studies" -> "case control studies".
fn fold(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            '-' | '_' | '\u{2010}' | '\u{2011}' | '\u{2013}' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A folded-label index over one table: label -> (precedence, design).
struct Index(HashMap<String, (usize, Design)>);

impl Index {
    fn new(table: &[(Design, &[&str])]) -> Self {
        let mut map = HashMap::new();
        for (rank, (design, labels)) in table.iter().enumerate() {
            for label in *labels {
                map.entry(fold(label)).or_insert((rank, *design));
            }
        }
        Index(map)
    }

    /// The highest-precedence design among `labels`, with the label that named it.
    fn best<'a>(&self, labels: impl Iterator<Item = &'a str>) -> Option<(Design, &'a str)> {
        labels
            .filter_map(|label| self.0.get(&fold(label)).map(|&(rank, d)| (rank, d, label)))
            .min_by_key(|(rank, _, _)| *rank)
            .map(|(_, design, label)| (design, label.trim()))
    }
}

static PUBLICATION_INDEX: LazyLock<Index> = LazyLock::new(|| Index::new(PUBLICATION_TYPES));
static ENTRY_INDEX: LazyLock<Index> = LazyLock::new(|| Index::new(ENTRY_TYPES));
static KEYWORD_INDEX: LazyLock<Index> = LazyLock::new(|| Index::new(KEYWORDS));

/// The design a publication type names, if it names one (the truth of the MEDLINE evaluation).
pub fn publication_type_design<'a>(
    types: impl IntoIterator<Item = &'a str>,
) -> Option<(Design, &'a str)> {
    PUBLICATION_INDEX.best(types.into_iter())
}

/// The design the reference's metadata states: publication types first, then entry type, then
/// keywords.
pub fn stated(reference: &Reference) -> Option<Stated> {
    let found = |field: &'static str, (design, label): (Design, &str)| Stated {
        design,
        label: label.to_string(),
        field,
        refinable_to: REFINABLE
            .iter()
            .find(|(l, _)| fold(l) == fold(label))
            .map_or(&[], |(_, to)| to),
    };
    publication_type_design(reference.publication_types.iter().map(String::as_str))
        .map(|hit| found("publication type", hit))
        .or_else(|| {
            ENTRY_INDEX
                .best(reference.entry_type.as_deref().into_iter())
                .map(|hit| found("entry type", hit))
        })
        .or_else(|| {
            KEYWORD_INDEX
                .best(reference.keywords.iter().map(String::as_str))
                .map(|hit| found("keyword", hit))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_types(types: &[&str]) -> Reference {
        Reference {
            publication_types: types.iter().map(|t| t.to_string()).collect(),
            ..Reference::default()
        }
    }

    fn design(r: &Reference) -> Option<Design> {
        stated(r).map(|s| s.design)
    }

    #[test]
    fn medline_publication_types_in_precedence() {
        let rct = with_types(&[
            "Clinical Trial",
            "Journal Article",
            "Randomized Controlled Trial",
        ]);
        let s = stated(&rct).unwrap();
        assert_eq!(s.design, Design::RandomisedTrial);
        assert_eq!(s.cue(), "publication type: Randomized Controlled Trial");
        assert_eq!(
            design(&with_types(&["Journal Article", "Meta-Analysis", "Review"])),
            Some(Design::MetaAnalysis)
        );
        assert_eq!(
            design(&with_types(&["Letter", "Randomized Controlled Trial"])),
            Some(Design::RandomisedTrial)
        );
        assert_eq!(
            design(&with_types(&["Comment", "Letter"])),
            Some(Design::ExpertOpinion)
        );
        assert_eq!(
            design(&with_types(&["Clinical Trial, Phase II"])),
            Some(Design::NonRandomisedTrial)
        );
        assert_eq!(
            design(&with_types(&[
                "Published Erratum",
                "Randomized Controlled Trial"
            ])),
            Some(Design::Notice)
        );
        assert_eq!(
            design(&with_types(&["JOURNAL ARTICLE", "REVIEW"])),
            Some(Design::NarrativeReview)
        );
        assert_eq!(
            design(&with_types(&["Case Reports", "Review"])),
            Some(Design::CaseReport)
        );
    }

    #[test]
    fn types_that_name_no_design_say_nothing() {
        assert_eq!(
            design(&with_types(&[
                "Journal Article",
                "Comparative Study",
                "Research Support, Non-U.S. Gov't"
            ])),
            None
        );
        // A retracted trial is still a trial.
        assert_eq!(
            design(&with_types(&[
                "Retracted Publication",
                "Randomized Controlled Trial"
            ])),
            Some(Design::RandomisedTrial)
        );
        assert_eq!(design(&with_types(&["Retracted Publication"])), None);
    }

    #[test]
    fn entry_types_and_keywords() {
        let jats = Reference {
            entry_type: Some("case-report".into()),
            ..Reference::default()
        };
        assert_eq!(design(&jats), Some(Design::CaseReport));
        // RIS CASE is a court case.
        let ris = Reference {
            entry_type: Some("CASE".into()),
            ..Reference::default()
        };
        assert_eq!(design(&ris), None);
        let keywords = Reference {
            keywords: vec!["pain".into(), "Randomised controlled trial".into()],
            ..Reference::default()
        };
        let s = stated(&keywords).unwrap();
        assert_eq!(s.design, Design::RandomisedTrial);
        assert_eq!(s.cue(), "keyword: Randomised controlled trial");
        let topic = Reference {
            keywords: vec!["Randomized Controlled Trials as Topic".into()],
            ..Reference::default()
        };
        assert_eq!(design(&topic), None);
    }

    #[test]
    fn vague_types_may_be_refined() {
        let s = stated(&with_types(&["Observational Study"])).unwrap();
        assert_eq!(s.design, Design::Cohort);
        assert!(s.refinable_to.contains(&Design::CaseControl));
        let s = stated(&with_types(&["Review"])).unwrap();
        assert!(s.refinable_to.contains(&Design::SystematicReview));
        assert!(stated(&with_types(&["Case Reports"]))
            .unwrap()
            .refinable_to
            .is_empty());
    }
}

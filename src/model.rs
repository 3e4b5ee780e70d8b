//! The nouns of citegrade: articles, references, citations, sentences, grades and findings.
//!
//! Every other module speaks these types. Readers fill an [`Article`]; `resolve` links its
//! citations to references; `grade` attaches a [`Grade`] to each reference; checks turn the result
//! into [`Finding`]s; writers render them.

use std::fmt;
use std::path::PathBuf;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity its `as_str` names ("warning").
    pub fn from_label(label: &str) -> Option<Severity> {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .find(|s| s.as_str() == label)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based position in the source file. `column` counts characters, not bytes.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// A person's name as a bibliography records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub family: String,
    pub given: Option<String>,
}

impl fmt::Display for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.given {
            Some(given) if !given.is_empty() => write!(f, "{} {}", self.family, given),
            _ => f.write_str(&self.family),
        }
    }
}

/// One entry of an article's reference list.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Reference {
    /// The number or key the article uses for it ("4", "smith2015").
    pub key: String,
    pub authors: Vec<Person>,
    pub title: Option<String>,
    /// Journal, book or other container.
    pub container: Option<String>,
    pub year: Option<i32>,
    /// Month (1-12) and day of publication, when the source gives them.
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub doi: Option<String>,
    pub pmid: Option<String>,
    pub pmcid: Option<String>,
    pub url: Option<String>,
    /// The entry type as the source names it ("article", "JOUR", "article-journal").
    pub entry_type: Option<String>,
    pub keywords: Vec<String>,
    /// Publication types as the source gives them (MEDLINE `PT`: "Randomized Controlled Trial").
    pub publication_types: Vec<String>,
    pub abstract_text: Option<String>,
    /// Label the source gave the entry ("Research"), when it gave one.
    pub source_label: Option<String>,
    /// Where the entry starts in the source file.
    pub position: Position,
    /// The bibliography file the entry was read from, when it is not the article itself.
    pub source: Option<PathBuf>,
    /// The entry as written, joined onto one line.
    pub raw: String,
}

/// How an in-text citation relates to the reference list once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CitationStatus {
    /// Not resolved yet.
    #[default]
    Pending,
    Ok,
    /// No reference carries the cited number or key.
    Dangling,
    /// The reference exists but the year stated in the text differs from its year.
    YearMismatch,
}

impl CitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CitationStatus::Pending => "pending",
            CitationStatus::Ok => "ok",
            CitationStatus::Dangling => "dangling",
            CitationStatus::YearMismatch => "year-mismatch",
        }
    }

    /// The status its `as_str` names ("year-mismatch").
    pub fn from_label(label: &str) -> Option<CitationStatus> {
        [
            CitationStatus::Pending,
            CitationStatus::Ok,
            CitationStatus::Dangling,
            CitationStatus::YearMismatch,
        ]
        .into_iter()
        .find(|s| s.as_str() == label)
    }
}

/// One pointer from the text to the reference list: "the 2015 study 2", one number of "[4-6]",
/// one key of "[@a; @b]", or one work of "(Smith & Jones, 2015; Lee, 2019a)".
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Citation {
    /// The marker as written ("2015 study 2", "[4-6]").
    pub marker: String,
    /// The reference number or key this citation points to.
    pub key: String,
    /// The year the text states for the cited work, when it states one.
    pub stated_year: Option<i32>,
    /// For an author-year citation, the cited first author's family name as written ("Müller").
    /// Such a citation names no key: `resolve` finds its reference by this name and the year.
    pub author: Option<String>,
    /// The letter after the stated year ("2019a"): which of one author's works of that year.
    pub year_suffix: Option<char>,
    pub position: Position,
    /// Index into `Article::sentences` of the sentence holding the marker.
    pub sentence: usize,
    /// Index into `Article::references`, set by `resolve`.
    pub reference: Option<usize>,
    pub status: CitationStatus,
}

impl Citation {
    /// A citation of `key` by `marker` at `position`, stating no year and not resolved yet. Its
    /// `sentence` is 0 until the reader, or `text::add_blocks` for a block's citations, sets it.
    pub fn new(marker: impl Into<String>, key: impl Into<String>, position: Position) -> Citation {
        Citation {
            marker: marker.into(),
            key: key.into(),
            position,
            ..Citation::default()
        }
    }
}

/// A sentence of article text with the citations it makes.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Sentence {
    pub text: String,
    pub position: Position,
    /// The heading of the section the sentence sits in, if any.
    pub section: Option<String>,
    /// For each character of `text`, its position in the source (same length as `text.chars()`).
    #[serde(skip)]
    pub char_positions: Vec<Position>,
    /// Indices into `Article::citations`.
    pub citations: Vec<usize>,
}

impl Sentence {
    /// Source position of the character at `char_index` of the sentence text.
    pub fn position_of(&self, char_index: usize) -> Position {
        self.char_positions
            .get(char_index)
            .copied()
            .unwrap_or(self.position)
    }

    /// How many characters the text `text` at byte `start` spans on its source line: its
    /// length when its characters stand side by side there, else 0 (text read from an `\input`
    /// file is placed at the `\input`, text across a line break is not on one line).
    pub fn span_of(&self, start: usize, text: &str) -> usize {
        let count = text.chars().count();
        let Some(last) = text.chars().last() else {
            return 0;
        };
        let first = self.position_of_byte(start);
        let end = self.position_of_byte(start + text.len() - last.len_utf8());
        let side_by_side = end.line == first.line && end.column + 1 == first.column + count;
        if side_by_side {
            count
        } else {
            0
        }
    }

    /// Source position of the byte offset `byte_index` in the sentence text.
    pub fn position_of_byte(&self, byte_index: usize) -> Position {
        let chars = self
            .text
            .get(..byte_index)
            .map_or(0, |prefix| prefix.chars().count());
        self.position_of(chars)
    }
}

/// Something the reader noticed about the input itself (becomes CG001/CG002).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InputProblem {
    pub kind: InputProblemKind,
    pub position: Position,
    pub message: String,
    /// The reference the problem concerns, when it concerns one.
    pub reference: Option<String>,
    /// The file the problem is in, when it is not the article itself (a sidecar bibliography).
    pub source: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputProblemKind {
    /// The file could not be read, decoded or parsed as its format (CG002, error).
    Unreadable,
    /// The file was read, but only by guessing (an encoding, say) (CG002, warning).
    Guessed,
    /// Part of the file could not be read (its front matter, say); the rest was (CG002, warning).
    PartlyRead,
    /// A reference entry yielded neither a year nor a title (CG001).
    UnparsedReference,
}

/// One article, as read from one file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Article {
    /// Path relative to the audited root, without extension, `/`-separated.
    pub id: String,
    /// The path as given on the command line joined with the relative path.
    pub path: PathBuf,
    pub title: Option<String>,
    pub sentences: Vec<Sentence>,
    pub citations: Vec<Citation>,
    pub references: Vec<Reference>,
    pub problems: Vec<InputProblem>,
    /// The decoded source, one entry per line, for quoting in reports.
    #[serde(skip)]
    pub lines: Vec<String>,
    /// A bare reference list: there is no text whose citations could be checked.
    pub is_bibliography: bool,
    /// The year the article itself was published or dated (JATS `pub-date`, front matter
    /// `date`), when it says; "recent" in its text is judged against it.
    pub published_year: Option<i32>,
    /// Bibliography files the article names (front matter `bibliography:`), as written.
    pub bibliography_files: Vec<String>,
    /// Other files read as part of the article (`\input` chapters, bibliographies), as
    /// `companions::portable` writes them:
    /// discovery leaves the files it expects an article to read out of the audit, and any of
    /// those no article read is then listed as not audited.
    #[serde(default)]
    pub read_files: Vec<PathBuf>,
    /// The `citegrade: ignore` comments of the article and of its sidecar bibliographies.
    #[serde(skip)]
    pub suppressions: Vec<crate::suppress::Directive>,
}

impl Article {
    /// The source line `line` (1-based), trimmed, or "" when out of range.
    pub fn source_line(&self, line: usize) -> &str {
        line.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or("", |l| l.trim())
    }
}

/// Study designs citegrade can recognise: the designs an epidemiologist would name when asked
/// "what kind of study is this?", plus `Unknown`, which citegrade says rather than guess.
///
/// Order follows the strength of the design for a question of treatment benefit; the level each
/// maps to lives in one table (`grade::level`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Design {
    /// A statistical synthesis of several studies' results (usually within a systematic review).
    MetaAnalysis,
    /// A review with a stated search, selection and appraisal of studies (Cochrane, PRISMA).
    SystematicReview,
    /// Participants allocated to interventions at random.
    RandomisedTrial,
    /// Investigator-assigned interventions without randomisation: quasi-randomised, single-arm,
    /// open phase I/II, controlled before-and-after.
    NonRandomisedTrial,
    /// A group followed from exposure to outcome, prospectively or from records.
    Cohort,
    /// People with the outcome compared with people without it, looking back at exposures.
    CaseControl,
    /// Exposure and outcome measured at one time: surveys, prevalence studies.
    CrossSectional,
    /// Several patients with a condition or treatment described, without a comparison group.
    CaseSeries,
    /// One patient (or two) described.
    CaseReport,
    /// A test compared with a reference standard: sensitivity, specificity.
    DiagnosticAccuracy,
    /// Interviews, focus groups, thematic analysis.
    Qualitative,
    /// A review without a stated systematic method.
    NarrativeReview,
    /// A clinical practice guideline.
    Guideline,
    /// A consensus or position statement of a panel.
    ConsensusStatement,
    /// Editorial, comment, letter, viewpoint: expert opinion.
    ExpertOpinion,
    /// Animal or in-vitro research.
    Preclinical,
    /// The plan of a study that has no results yet.
    Protocol,
    /// An erratum, correction or retraction notice: not a study at all.
    Notice,
    /// Nothing in the metadata or the text names the design.
    Unknown,
}

impl Design {
    /// Every design, in declaration order.
    pub const ALL: [Design; 19] = [
        Design::MetaAnalysis,
        Design::SystematicReview,
        Design::RandomisedTrial,
        Design::NonRandomisedTrial,
        Design::Cohort,
        Design::CaseControl,
        Design::CrossSectional,
        Design::CaseSeries,
        Design::CaseReport,
        Design::DiagnosticAccuracy,
        Design::Qualitative,
        Design::NarrativeReview,
        Design::Guideline,
        Design::ConsensusStatement,
        Design::ExpertOpinion,
        Design::Preclinical,
        Design::Protocol,
        Design::Notice,
        Design::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Design::MetaAnalysis => "meta-analysis",
            Design::SystematicReview => "systematic-review",
            Design::RandomisedTrial => "randomised-trial",
            Design::NonRandomisedTrial => "non-randomised-trial",
            Design::Cohort => "cohort",
            Design::CaseControl => "case-control",
            Design::CrossSectional => "cross-sectional",
            Design::CaseSeries => "case-series",
            Design::CaseReport => "case-report",
            Design::DiagnosticAccuracy => "diagnostic-accuracy",
            Design::Qualitative => "qualitative",
            Design::NarrativeReview => "narrative-review",
            Design::Guideline => "guideline",
            Design::ConsensusStatement => "consensus-statement",
            Design::ExpertOpinion => "expert-opinion",
            Design::Preclinical => "preclinical",
            Design::Protocol => "protocol",
            Design::Notice => "erratum-or-retraction",
            Design::Unknown => "unknown",
        }
    }

    /// The design named by its `as_str` label ("case-report"), as a config file would name it.
    pub fn from_label(label: &str) -> Option<Design> {
        let label = label.trim();
        Design::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(label))
    }

    /// The design as a noun phrase for messages: "a case series", "a cohort study".
    pub fn noun(self) -> &'static str {
        match self {
            Design::MetaAnalysis => "a meta-analysis",
            Design::SystematicReview => "a systematic review",
            Design::RandomisedTrial => "a randomised trial",
            Design::NonRandomisedTrial => "a non-randomised trial",
            Design::Cohort => "a cohort study",
            Design::CaseControl => "a case-control study",
            Design::CrossSectional => "a cross-sectional study",
            Design::CaseSeries => "a case series",
            Design::CaseReport => "a case report",
            Design::DiagnosticAccuracy => "a diagnostic accuracy study",
            Design::Qualitative => "a qualitative study",
            Design::NarrativeReview => "a narrative review",
            Design::Guideline => "a guideline",
            Design::ConsensusStatement => "a consensus statement",
            Design::ExpertOpinion => "expert opinion (editorial, comment or letter)",
            Design::Preclinical => "a preclinical study",
            Design::Protocol => "a study protocol",
            Design::Notice => "an erratum or retraction notice",
            Design::Unknown => "a study of unknown design",
        }
    }
}

/// Where the design of a grade came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DesignSource {
    /// A publication type, entry type or keyword the bibliography gives.
    Metadata,
    /// A design cue in the title.
    Title,
    /// A design cue in the abstract.
    Abstract,
    Unknown,
}

impl DesignSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DesignSource::Metadata => "metadata",
            DesignSource::Title => "title",
            DesignSource::Abstract => "abstract",
            DesignSource::Unknown => "unknown",
        }
    }

    /// The source its `as_str` names ("title").
    pub fn from_label(label: &str) -> Option<DesignSource> {
        [
            DesignSource::Metadata,
            DesignSource::Title,
            DesignSource::Abstract,
            DesignSource::Unknown,
        ]
        .into_iter()
        .find(|s| s.as_str() == label)
    }
}

/// Oxford CEBM 2011 level (treatment benefits), or `guideline`, or a design the treatment-benefit
/// scale does not rank (a protocol, an erratum, a qualitative study), or unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceLevel {
    Level(u8),
    Guideline,
    NotRanked,
    Unknown,
}

impl EvidenceLevel {
    pub fn label(self) -> String {
        match self {
            EvidenceLevel::Level(n) => n.to_string(),
            EvidenceLevel::Guideline => "guideline".to_string(),
            EvidenceLevel::NotRanked => "not-ranked".to_string(),
            EvidenceLevel::Unknown => "unknown".to_string(),
        }
    }

    /// The level a label names: "1" to "5", "guideline", "not-ranked", "unknown".
    pub fn from_label(label: &str) -> Option<EvidenceLevel> {
        match label.trim().to_ascii_lowercase().as_str() {
            "guideline" => Some(EvidenceLevel::Guideline),
            "not-ranked" => Some(EvidenceLevel::NotRanked),
            "unknown" => Some(EvidenceLevel::Unknown),
            n => n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .map(EvidenceLevel::Level),
        }
    }

    /// True for levels 4 and 5: case series and below.
    pub fn is_low(self) -> bool {
        matches!(self, EvidenceLevel::Level(n) if n >= 4)
    }
}

/// GRADE's starting certainty for a body of evidence of this design, before rating down (risk of
/// bias, inconsistency, indirectness, imprecision, publication bias) or up (large effect,
/// dose-response). Randomised trials start high, observational studies low (Balshem et al., J
/// Clin Epidemiol 2011;64:401).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    High,
    Low,
    VeryLow,
    /// GRADE does not rate this kind of document as evidence (opinion, guideline, protocol).
    NotRated,
    Unknown,
}

impl Certainty {
    pub const ALL: [Certainty; 5] = [
        Certainty::High,
        Certainty::Low,
        Certainty::VeryLow,
        Certainty::NotRated,
        Certainty::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::High => "high",
            Certainty::Low => "low",
            Certainty::VeryLow => "very-low",
            Certainty::NotRated => "not-rated",
            Certainty::Unknown => "unknown",
        }
    }

    pub fn from_label(label: &str) -> Option<Certainty> {
        let label = label.trim();
        Certainty::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(label))
    }
}

/// How old a reference is relative to `--as-of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Recency {
    Current,
    Aging,
    Outdated,
    Unknown,
}

impl Recency {
    pub fn as_str(self) -> &'static str {
        match self {
            Recency::Current => "current",
            Recency::Aging => "aging",
            Recency::Outdated => "outdated",
            Recency::Unknown => "unknown",
        }
    }

    /// The recency its `as_str` names ("outdated").
    pub fn from_label(label: &str) -> Option<Recency> {
        [
            Recency::Current,
            Recency::Aging,
            Recency::Outdated,
            Recency::Unknown,
        ]
        .into_iter()
        .find(|r| r.as_str() == label)
    }
}

/// The grade of one reference: design (with the evidence for it), level, age.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Grade {
    pub design: Design,
    pub design_source: DesignSource,
    /// The text that decided the design, as it appears in the source.
    pub design_cue: Option<String>,
    pub level: EvidenceLevel,
    /// GRADE starting certainty of the design.
    pub certainty: Certainty,
    pub age_years: Option<i32>,
    pub recency: Recency,
}

/// One thing an editor should look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub position: Position,
    pub message: String,
    /// The citation marker concerned, if any.
    pub citation: Option<String>,
    /// The reference number or key concerned, if any.
    pub reference: Option<String>,
    /// The sentence (or source line) the finding is about, for quoting.
    pub quote: Option<String>,
    /// The file the finding points into, when it is not the article (a sidecar bibliography).
    pub path: Option<PathBuf>,
    /// The `--baseline` accepts it: it stays in the reports but does not fail the run.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub baselined: bool,
    /// How many characters from `position` the finding is about (a claim's cue words), when
    /// that is not the citation marker; 0 when not known.
    #[serde(skip_serializing_if = "is_zero")]
    pub span: usize,
}

/// Enums serialise as the names the reports print.
macro_rules! serialize_as_str {
    ($($ty:ty => $name:ident),* $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.$name())
            }
        }
    )*};
}

serialize_as_str!(
    Severity => as_str,
    CitationStatus => as_str,
    Design => as_str,
    DesignSource => as_str,
    EvidenceLevel => label,
    Certainty => as_str,
    Recency => as_str,
);

/// Enums deserialise from the names they serialise as, so what a shard file wrote reads back
/// as the same value.
macro_rules! deserialize_from_label {
    ($($ty:ident),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let label = String::deserialize(deserializer)?;
                $ty::from_label(&label).ok_or_else(|| {
                    D::Error::custom(format!("unknown {} \"{label}\"", stringify!($ty)))
                })
            }
        }
    )*};
}

deserialize_from_label!(
    Severity,
    CitationStatus,
    Design,
    DesignSource,
    EvidenceLevel,
    Certainty,
    Recency,
);

/// A [`Finding`] as serialised: its code and rule name as text, mapped back to the registry's
/// `&'static str`s when read.
#[derive(Deserialize)]
struct FindingFields {
    code: String,
    rule: String,
    severity: Severity,
    position: Position,
    message: String,
    citation: Option<String>,
    reference: Option<String>,
    quote: Option<String>,
    path: Option<PathBuf>,
    #[serde(default)]
    baselined: bool,
    #[serde(default)]
    span: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

// Written out rather than derived: a derive would tie `'de` to the `&'static str` fields.
impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = FindingFields::deserialize(deserializer)?;
        let meta = crate::checks::rule_by_code(&fields.code)
            .map(|rule| rule.meta())
            .filter(|meta| meta.code == fields.code && meta.name == fields.rule)
            .ok_or_else(|| {
                D::Error::custom(format!("unknown rule {} {}", fields.code, fields.rule))
            })?;
        Ok(Finding {
            code: meta.code,
            rule: meta.name,
            severity: fields.severity,
            position: fields.position,
            message: fields.message,
            citation: fields.citation,
            reference: fields.reference,
            quote: fields.quote,
            path: fields.path,
            baselined: fields.baselined,
            span: fields.span,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every enum reads back from the label it serialises as.
    #[test]
    fn enums_round_trip_through_their_labels() {
        fn round_trip<T>(values: &[T])
        where
            T: Serialize + for<'de> Deserialize<'de> + PartialEq + fmt::Debug,
        {
            for value in values {
                let json = serde_json::to_string(value).unwrap();
                let back: T = serde_json::from_str(&json).unwrap();
                assert_eq!(&back, value, "{json}");
            }
        }
        round_trip(&[Severity::Info, Severity::Warning, Severity::Error]);
        round_trip(&[
            CitationStatus::Pending,
            CitationStatus::Ok,
            CitationStatus::Dangling,
            CitationStatus::YearMismatch,
        ]);
        round_trip(&Design::ALL);
        round_trip(&[DesignSource::Metadata, DesignSource::Abstract]);
        round_trip(&[
            EvidenceLevel::Level(1),
            EvidenceLevel::Level(5),
            EvidenceLevel::Guideline,
            EvidenceLevel::NotRanked,
            EvidenceLevel::Unknown,
        ]);
        round_trip(&Certainty::ALL);
        round_trip(&[Recency::Current, Recency::Aging, Recency::Outdated]);
    }

    #[test]
    fn a_finding_reads_back_with_the_registry_code_and_name() {
        let finding = Finding {
            path: Some(PathBuf::from("a.bib")),
            reference: Some("4".into()),
            ..crate::checks::rule_by_code("CG101")
                .unwrap()
                .meta()
                .finding(Position::new(3, 7), "no reference 5".into())
        };
        let json = serde_json::to_string(&finding).unwrap();
        let back: Finding = serde_json::from_str(&json).unwrap();
        assert_eq!(back, finding);
        let unknown = json.replace("CG101", "CG999");
        let err = serde_json::from_str::<Finding>(&unknown).unwrap_err();
        assert!(err.to_string().contains("unknown rule CG999"), "{err}");
    }

    #[test]
    fn an_unknown_label_is_an_error_naming_it() {
        let err = serde_json::from_str::<Recency>("\"ancient\"").unwrap_err();
        assert!(
            err.to_string().contains("unknown Recency \"ancient\""),
            "{err}"
        );
    }
}

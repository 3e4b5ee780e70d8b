//! Evidence levels and starting certainty: one table from design to Oxford CEBM 2011 level
//! (treatment benefits) and GRADE starting certainty, so that it can be read, tested and
//! overridden in one place.
//!
//! A config file feeds it through [`LevelTable::with_override`] or [`LevelTable::override_labels`]
//! (labels as `references.csv` writes them), for example from
//!
//! ```toml
//! [grading.levels]
//! case-report = { level = "5", certainty = "very-low" }
//! ```

use crate::model::{Certainty, Design, EvidenceLevel};

use EvidenceLevel::{Guideline, Level, NotRanked};

/// Design -> (CEBM 2011 level, GRADE starting certainty).
///
/// CEBM 2011, treatment benefits: 1 systematic review of randomised trials; 2 randomised trial;
/// 3 non-randomised controlled cohort / follow-up study; 4 case series, case-control,
/// historically controlled studies; 5 mechanism-based reasoning. Cross-sectional studies sit with
/// case-control (no follow-up); case reports with case series. Designs that answer another
/// question (diagnostic accuracy, qualitative) or carry no results (protocol, notice) are not
/// ranked on this scale.
///
/// GRADE (Balshem 2011): randomised trials start high; observational studies low; case series and
/// case reports very low. Reviews take the CEBM level-1 reading (reviews of randomised trials)
/// and start high: override both when the reviews cited pool observational studies. Diagnostic
/// accuracy studies of patients with diagnostic uncertainty start high (Schünemann, BMJ 2008).
/// Opinion, guidelines, protocols and preclinical work are not rated as evidence.
pub const DEFAULT_LEVELS: &[(Design, EvidenceLevel, Certainty)] = &[
    (Design::MetaAnalysis, Level(1), Certainty::High),
    (Design::SystematicReview, Level(1), Certainty::High),
    (Design::RandomisedTrial, Level(2), Certainty::High),
    (Design::NonRandomisedTrial, Level(3), Certainty::Low),
    (Design::Cohort, Level(3), Certainty::Low),
    (Design::CaseControl, Level(4), Certainty::Low),
    (Design::CrossSectional, Level(4), Certainty::Low),
    (Design::CaseSeries, Level(4), Certainty::VeryLow),
    (Design::CaseReport, Level(4), Certainty::VeryLow),
    (Design::DiagnosticAccuracy, NotRanked, Certainty::High),
    (Design::Qualitative, NotRanked, Certainty::NotRated),
    (Design::NarrativeReview, Level(5), Certainty::NotRated),
    (Design::Guideline, Guideline, Certainty::NotRated),
    (Design::ConsensusStatement, Level(5), Certainty::NotRated),
    (Design::ExpertOpinion, Level(5), Certainty::NotRated),
    (Design::Preclinical, Level(5), Certainty::NotRated),
    (Design::Protocol, NotRanked, Certainty::NotRated),
    (Design::Notice, NotRanked, Certainty::NotRated),
    (Design::Unknown, EvidenceLevel::Unknown, Certainty::Unknown),
];

/// The design -> level and certainty mapping in force for a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelTable {
    rows: Vec<(Design, EvidenceLevel, Certainty)>,
}

impl Default for LevelTable {
    fn default() -> Self {
        LevelTable {
            rows: DEFAULT_LEVELS.to_vec(),
        }
    }
}

/// An override that names a design, level or certainty citegrade does not know.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownLabel {
    pub what: &'static str,
    pub label: String,
}

impl std::fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} \"{}\"", self.what, self.label)
    }
}

impl LevelTable {
    pub fn level(&self, design: Design) -> EvidenceLevel {
        self.row(design)
            .map_or(EvidenceLevel::Unknown, |(_, level, _)| level)
    }

    pub fn certainty(&self, design: Design) -> Certainty {
        self.row(design)
            .map_or(Certainty::Unknown, |(_, _, certainty)| certainty)
    }

    fn row(&self, design: Design) -> Option<(Design, EvidenceLevel, Certainty)> {
        self.rows.iter().find(|(d, _, _)| *d == design).copied()
    }

    /// This table with `design` mapped to `level` and/or `certainty` (`None` keeps the current).
    pub fn with_override(
        mut self,
        design: Design,
        level: Option<EvidenceLevel>,
        certainty: Option<Certainty>,
    ) -> Self {
        let current =
            self.row(design)
                .unwrap_or((design, EvidenceLevel::Unknown, Certainty::Unknown));
        let row = (
            design,
            level.unwrap_or(current.1),
            certainty.unwrap_or(current.2),
        );
        match self.rows.iter_mut().find(|(d, _, _)| *d == design) {
            Some(slot) => *slot = row,
            None => self.rows.push(row),
        }
        self
    }

    /// This table with one override given as labels, as a config file writes them:
    /// `("case-report", Some("5"), Some("very-low"))`.
    pub fn override_labels(
        self,
        design: &str,
        level: Option<&str>,
        certainty: Option<&str>,
    ) -> Result<Self, UnknownLabel> {
        let unknown = |what, label: &str| UnknownLabel {
            what,
            label: label.to_string(),
        };
        let design = Design::from_label(design).ok_or_else(|| unknown("design", design))?;
        let level = level
            .map(|l| EvidenceLevel::from_label(l).ok_or_else(|| unknown("evidence level", l)))
            .transpose()?;
        let certainty = certainty
            .map(|c| Certainty::from_label(c).ok_or_else(|| unknown("certainty", c)))
            .transpose()?;
        Ok(self.with_override(design, level, certainty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_design_has_one_row() {
        for design in Design::ALL {
            let rows = DEFAULT_LEVELS.iter().filter(|(d, _, _)| *d == design);
            assert_eq!(rows.count(), 1, "{design:?}");
        }
    }

    #[test]
    fn cebm_and_grade_defaults() {
        let t = LevelTable::default();
        assert_eq!(t.level(Design::SystematicReview), Level(1));
        assert_eq!(t.level(Design::RandomisedTrial), Level(2));
        assert_eq!(t.certainty(Design::RandomisedTrial), Certainty::High);
        assert_eq!(t.level(Design::Cohort), Level(3));
        assert_eq!(t.certainty(Design::Cohort), Certainty::Low);
        assert_eq!(t.level(Design::CaseSeries), Level(4));
        assert_eq!(t.certainty(Design::CaseReport), Certainty::VeryLow);
        assert_eq!(t.level(Design::Guideline), Guideline);
        assert_eq!(t.level(Design::ExpertOpinion), Level(5));
        assert_eq!(t.level(Design::Protocol), NotRanked);
        assert_eq!(t.level(Design::Unknown), EvidenceLevel::Unknown);
        assert_eq!(t.certainty(Design::Unknown), Certainty::Unknown);
    }

    #[test]
    fn overrides_change_one_design_only() {
        let t = LevelTable::default()
            .override_labels("case-report", Some("5"), None)
            .unwrap()
            .override_labels("meta-analysis", None, Some("low"))
            .unwrap();
        assert_eq!(t.level(Design::CaseReport), Level(5));
        assert_eq!(t.certainty(Design::CaseReport), Certainty::VeryLow);
        assert_eq!(t.level(Design::MetaAnalysis), Level(1));
        assert_eq!(t.certainty(Design::MetaAnalysis), Certainty::Low);
        assert_eq!(t.level(Design::CaseSeries), Level(4));
    }

    #[test]
    fn unknown_labels_are_refused() {
        let err = LevelTable::default()
            .override_labels("anecdote", Some("5"), None)
            .unwrap_err();
        assert_eq!(err.to_string(), "unknown design \"anecdote\"");
        assert!(LevelTable::default()
            .override_labels("cohort", Some("6"), None)
            .is_err());
        assert!(LevelTable::default()
            .override_labels("cohort", None, Some("moderate"))
            .is_err());
    }
}

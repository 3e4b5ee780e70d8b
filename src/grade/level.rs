//! Evidence levels: Oxford CEBM 2011, treatment benefits. One table, so that it can be read,
//! tested and (later) overridden from `citegrade.toml` in one place.

use crate::model::{Design, EvidenceLevel};

/// Design -> CEBM 2011 level. Level 1: systematic reviews of randomised trials; 2: randomised
/// trials; 3: non-randomised controlled and cohort studies; 4: case series, case-control and
/// historically controlled studies; 5: mechanism-based reasoning.
pub const LEVELS: &[(Design, EvidenceLevel)] = &[
    (Design::MetaAnalysis, EvidenceLevel::Level(1)),
    (Design::SystematicReview, EvidenceLevel::Level(1)),
    (Design::RandomisedTrial, EvidenceLevel::Level(2)),
    (Design::Cohort, EvidenceLevel::Level(3)),
    (Design::CaseControl, EvidenceLevel::Level(4)),
    (Design::CaseSeries, EvidenceLevel::Level(4)),
    (Design::CaseReport, EvidenceLevel::Level(4)),
    (Design::Guideline, EvidenceLevel::Guideline),
    (Design::NarrativeReview, EvidenceLevel::Level(5)),
    (Design::Preclinical, EvidenceLevel::Level(5)),
    (Design::Unknown, EvidenceLevel::Unknown),
];

pub fn level_of(design: Design) -> EvidenceLevel {
    LEVELS
        .iter()
        .find(|(d, _)| *d == design)
        .map_or(EvidenceLevel::Unknown, |(_, level)| *level)
}

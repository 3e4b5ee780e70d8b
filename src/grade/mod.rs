//! Grading: study design (with where it came from and the cue that decided it), evidence level,
//! GRADE starting certainty and age of each reference.
//!
//! The design comes from the strongest signal available: the bibliography's metadata
//! ([`metadata`]: publication type, entry type, keywords), then cues in the title, then in the
//! abstract ([`cues`]), else `unknown` (CG205). Never a guess.

pub mod cues;
pub mod level;
pub mod metadata;

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::model::{Design, DesignSource, Grade, Recency, Reference};
use crate::settings::Thresholds;
use cues::Place;
use level::LevelTable;

static DEFAULT_LEVELS: LazyLock<LevelTable> = LazyLock::new(LevelTable::default);

/// A reference's design, the signal it came from and the text of that signal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub design: Design,
    pub source: DesignSource,
    pub cue: Option<String>,
}

impl Evidence {
    const UNKNOWN: Evidence = Evidence {
        design: Design::Unknown,
        source: DesignSource::Unknown,
        cue: None,
    };
}

/// Grade one reference as of `as_of`, with the default level table.
pub fn grade(reference: &Reference, as_of: NaiveDate, thresholds: &Thresholds) -> Grade {
    grade_with(reference, as_of, thresholds, &DEFAULT_LEVELS)
}

/// Grade one reference as of `as_of`, levels and certainty from `levels`.
pub fn grade_with(
    reference: &Reference,
    as_of: NaiveDate,
    thresholds: &Thresholds,
    levels: &LevelTable,
) -> Grade {
    let evidence = design_of(reference);
    let age_years = reference.year.map(|year| as_of.year() - year);
    Grade {
        design: evidence.design,
        design_source: evidence.source,
        design_cue: evidence.cue,
        level: levels.level(evidence.design),
        certainty: levels.certainty(evidence.design),
        age_years,
        recency: recency(age_years, thresholds),
    }
}

/// The design of a reference: metadata first (made more specific by text cues where the
/// metadata is vague), then the title, then the abstract.
pub fn design_of(reference: &Reference) -> Evidence {
    match metadata::stated(reference) {
        Some(stated) => (!stated.refinable_to.is_empty())
            .then(|| design_from_text_among(reference, Some(stated.refinable_to)))
            .flatten()
            .unwrap_or(Evidence {
                design: stated.design,
                source: DesignSource::Metadata,
                cue: Some(stated.cue()),
            }),
        None => design_from_text(reference).unwrap_or(Evidence::UNKNOWN),
    }
}

/// The design the title, else the abstract, names, ignoring metadata.
pub fn design_from_text(reference: &Reference) -> Option<Evidence> {
    design_from_text_among(reference, None)
}

fn design_from_text_among(reference: &Reference, among: Option<&[Design]>) -> Option<Evidence> {
    let places = [
        (
            reference.title.as_deref(),
            Place::Title,
            DesignSource::Title,
        ),
        (
            reference.abstract_text.as_deref(),
            Place::Abstract,
            DesignSource::Abstract,
        ),
    ];
    places.into_iter().find_map(|(text, place, source)| {
        cues::classify_among(text?, place, among).map(|found| Evidence {
            design: found.design,
            source,
            cue: Some(found.cue),
        })
    })
}

/// `current` up to `recent_within_years`, `outdated` past `outdated_after_years`, else `aging`.
pub fn recency(age_years: Option<i32>, thresholds: &Thresholds) -> Recency {
    match age_years {
        None => Recency::Unknown,
        Some(age) if age <= thresholds.recent_within_years => Recency::Current,
        Some(age) if age > thresholds.outdated_after_years => Recency::Outdated,
        Some(_) => Recency::Aging,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EvidenceLevel;

    #[test]
    fn age_and_recency_against_as_of() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let t = Thresholds::default();
        let graded = |year| {
            grade(
                &Reference {
                    year: Some(year),
                    title: Some("Spinal cord stimulation: long-term results of eight cases".into()),
                    ..Reference::default()
                },
                as_of,
                &t,
            )
        };
        assert_eq!(graded(2021).recency, Recency::Current);
        assert_eq!(graded(2020).recency, Recency::Aging);
        assert_eq!(graded(2016).recency, Recency::Aging);
        assert_eq!(graded(2015).recency, Recency::Outdated);
        let g = graded(2009);
        assert_eq!(g.age_years, Some(17));
        assert_eq!(g.design, Design::CaseSeries);
        assert_eq!(g.design_cue.as_deref(), Some("eight cases"));
        assert_eq!(g.level, EvidenceLevel::Level(4));
    }

    #[test]
    fn no_title_no_guess() {
        let g = grade(
            &Reference::default(),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            &Thresholds::default(),
        );
        assert_eq!(g.design, Design::Unknown);
        assert_eq!(g.recency, Recency::Unknown);
        assert_eq!(g.level, EvidenceLevel::Unknown);
    }
}

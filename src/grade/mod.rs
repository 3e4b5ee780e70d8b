//! Grading: study design (with the cue that decided it), evidence level and age of each
//! reference.

pub mod cues;
pub mod level;

use chrono::{Datelike, NaiveDate};

use crate::model::{Design, DesignSource, Grade, Recency, Reference};
use crate::settings::Thresholds;

/// Grade one reference as of `as_of`.
pub fn grade(reference: &Reference, as_of: NaiveDate, thresholds: &Thresholds) -> Grade {
    let (design, design_source, design_cue) =
        match reference.title.as_deref().and_then(cues::classify) {
            Some(found) => (found.design, DesignSource::Title, Some(found.cue)),
            None => (Design::Unknown, DesignSource::Unknown, None),
        };
    let age_years = reference.year.map(|year| as_of.year() - year);
    Grade {
        design,
        design_source,
        design_cue,
        level: level::level_of(design),
        age_years,
        recency: recency(age_years, thresholds),
    }
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

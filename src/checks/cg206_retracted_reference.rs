use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Finding, Reference, Severity};
use crate::retractions::{Nature, Notice};

rule! {
    /// ## What it does
    /// Flags a reference that has been retracted: its metadata says so (a publication type
    /// "Retracted Publication", as MEDLINE and PubMed XML give it, or a title starting
    /// "RETRACTED:"), or its DOI or PMID is in the Retraction Watch list given with
    /// `--retractions FILE`. The message names the notice's nature and date.
    ///
    /// A paper the list gives an expression of concern is reported as a warning. Corrections
    /// and reinstatements are not reported: the paper stands.
    ///
    /// ## Why is this bad?
    /// A retracted paper is no evidence at all, whatever its design: its findings were
    /// withdrawn for error, fabrication or misconduct. A claim resting on it rests on nothing,
    /// and citing it without saying so spreads the withdrawn result.
    ///
    /// ## Example
    /// With `--retractions retraction_watch.csv` listing `10.5555/cg.2014.001` as retracted
    /// on 2020-03-15, the reference "2. Smith AB. Vitamin X cures gout. J Rheum.
    /// 2014;3:1-9. doi:10.5555/CG.2014.001" is flagged: the DOI matches whatever its case.
    pub struct RetractedReference {
        code: "CG206",
        name: "retracted-reference",
        severity: Error,
    }
}

/// The publication type MEDLINE and PubMed give a retracted paper.
const RETRACTED_TYPE: &str = "Retracted Publication";
/// The prefix publishers put on the title of a retracted paper.
const RETRACTED_TITLE: &str = "retracted:";

impl Rule for RetractedReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for reference in &cx.article.references {
            let notice = cx
                .retractions
                .lookup(reference.doi.as_deref(), reference.pmid.as_deref());
            if let Some(finding) = finding(reference, notice) {
                out.push(finding);
            }
        }
    }
}

/// One finding per reference: a listed retraction (it has a date) before the metadata, the
/// metadata before a listed expression of concern.
fn finding(reference: &Reference, notice: Option<(&Notice, String)>) -> Option<Finding> {
    let meta = &RetractedReference::META;
    let key = &reference.key;
    if let Some((notice, via)) = &notice {
        if notice.nature == Nature::Retraction {
            let message = format!(
                "reference {key} ({via}) was retracted{}: Retraction Watch lists a Retraction{}",
                on_date(notice),
                record(notice)
            );
            return Some(meta.reference_finding(reference, message));
        }
    }
    if let Some(evidence) = metadata_evidence(reference) {
        let message = format!("reference {key} is a retracted publication: {evidence}");
        return Some(meta.reference_finding(reference, message));
    }
    let (notice, via) = notice?;
    (notice.nature == Nature::ExpressionOfConcern).then(|| {
        let message = format!(
            "reference {key} ({via}) is under an expression of concern{}: Retraction Watch lists an Expression of concern{}",
            on_date(notice),
            record(notice)
        );
        let mut finding = meta.reference_finding(reference, message);
        finding.severity = Severity::Warning;
        finding
    })
}

/// What in the reference's own metadata says it was retracted.
fn metadata_evidence(reference: &Reference) -> Option<String> {
    if let Some(kind) = reference
        .publication_types
        .iter()
        .find(|t| t.trim().eq_ignore_ascii_case(RETRACTED_TYPE))
    {
        return Some(format!("its publication type is \"{}\"", kind.trim()));
    }
    let title = reference.title.as_deref()?.trim_start();
    let prefix = title.get(..RETRACTED_TITLE.len())?;
    prefix
        .eq_ignore_ascii_case(RETRACTED_TITLE)
        .then(|| format!("its title starts \"{prefix}\""))
}

fn on_date(notice: &Notice) -> String {
    notice
        .date
        .as_ref()
        .map_or_else(String::new, |d| format!(" on {d}"))
}

fn record(notice: &Notice) -> String {
    notice
        .record
        .as_ref()
        .map_or_else(String::new, |r| format!(" (record {r})"))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::retractions::NoticeDate;

    fn reference(title: &str) -> Reference {
        Reference {
            key: "3".into(),
            title: Some(title.into()),
            ..Reference::default()
        }
    }

    fn notice(nature: Nature) -> Notice {
        Notice {
            record: Some("42".into()),
            nature,
            date: Some(NoticeDate::Date(
                NaiveDate::from_ymd_opt(2020, 3, 15).unwrap(),
            )),
            line: 2,
        }
    }

    #[test]
    fn a_retracted_title_prefix_fires_in_any_case() {
        for title in ["RETRACTED: Vitamin X cures gout", "  Retracted: Vitamin X"] {
            let f = finding(&reference(title), None).unwrap();
            assert_eq!(f.severity, Severity::Error);
            assert!(f.message.contains("its title starts"), "{}", f.message);
        }
    }

    #[test]
    fn retracted_in_the_middle_of_a_title_does_not_fire() {
        let r = reference("Why retracted: papers keep being cited");
        assert!(finding(&r, None).is_none());
        assert!(finding(&reference("Retracted papers"), None).is_none());
        assert!(finding(&reference("Ré"), None).is_none());
    }

    #[test]
    fn the_publication_type_fires() {
        let mut r = reference("Vitamin X cures gout");
        r.publication_types = vec!["Journal Article".into(), "retracted publication".into()];
        let f = finding(&r, None).unwrap();
        assert_eq!(
            f.message,
            "reference 3 is a retracted publication: its publication type is \"retracted publication\""
        );
    }

    #[test]
    fn the_list_gives_nature_and_date() {
        let r = reference("Vitamin X cures gout");
        let retraction = notice(Nature::Retraction);
        let f = finding(&r, Some((&retraction, "doi 10.5555/x".into()))).unwrap();
        assert_eq!(
            f.message,
            "reference 3 (doi 10.5555/x) was retracted on 2020-03-15: Retraction Watch lists a Retraction (record 42)"
        );
        let concern = notice(Nature::ExpressionOfConcern);
        let f = finding(&r, Some((&concern, "PMID 1".into()))).unwrap();
        assert_eq!(f.severity, Severity::Warning);
        for nature in [Nature::Correction, Nature::Reinstatement] {
            let n = notice(nature);
            assert!(finding(&r, Some((&n, "PMID 1".into()))).is_none());
        }
    }

    #[test]
    fn retracted_metadata_outweighs_an_expression_of_concern() {
        let r = reference("RETRACTED: Vitamin X");
        let concern = notice(Nature::ExpressionOfConcern);
        let f = finding(&r, Some((&concern, "PMID 1".into()))).unwrap();
        assert_eq!(f.severity, Severity::Error);
    }
}

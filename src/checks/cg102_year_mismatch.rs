use crate::checks::{hints, rule, Context, Rule, RuleMeta};
use crate::model::{CitationStatus, Finding};

rule! {
    /// ## What it does
    /// Flags a citation whose year, as the text states it ("the 2016 study 4",
    /// "(Smith, 2015)"), differs from the year of the reference it points to, and says which
    /// reference has the stated year or whether the numbering looks shifted.
    ///
    /// ## Why is this bad?
    /// A wrong year means the sentence describes one study and cites another: most often a
    /// reference was dropped or inserted and the numbers after it moved.
    ///
    /// ## Example
    /// ```text
    /// ... as shown in the 1991 study 3 and the 2016 study 4.
    /// ```
    /// where reference 4 is from 2009: "reference 4 is from 2009; no reference in the list
    /// is from 2016".
    pub struct YearMismatch {
        code: "CG102",
        name: "year-mismatch",
        severity: Error,
    }
}

impl Rule for YearMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let article = cx.article;
        for citation in &article.citations {
            if citation.status != CitationStatus::YearMismatch {
                continue;
            }
            let Some(actual) = citation
                .reference
                .and_then(|i| article.references.get(i))
                .and_then(|r| r.year)
            else {
                continue;
            };
            let hint = hints::for_mismatch(article, citation, actual);
            let message = match &citation.author {
                Some(author) => format!(
                    "the text cites {author}, {} (\"{}\") but the list has no work by {author} from {}; {hint}",
                    citation.stated_year.unwrap_or_default(),
                    citation.marker,
                    citation.stated_year.unwrap_or_default(),
                ),
                None => format!(
                    "the text says \"{}\" but reference {} is from {actual}; {hint}",
                    citation.marker, citation.key,
                ),
            };
            out.push(Self::META.citation_finding(article, citation, message));
        }
    }
}

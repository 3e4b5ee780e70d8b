use crate::checks::{hints, rule, Context, Rule, RuleMeta};
use crate::model::{CitationStatus, Finding};

rule! {
    /// ## What it does
    /// Flags an in-text citation whose number or key is not in the reference list, or whose
    /// author ("Jones, 2015") is the first author of no reference, and says what the editor
    /// most likely meant: a reference with the year the text states, a numbering shifted by
    /// one after a reference was dropped from the list, a near key or spelling, or the first
    /// author of a paper whose co-author the text named.
    ///
    /// ## Why is this bad?
    /// A reader who follows the citation finds nothing, or, worse, when the numbering has
    /// shifted, finds a different study from the one the sentence describes.
    ///
    /// ## Example
    /// ```text
    /// SCS is a treatment option, as confirmed by the 2009 study 5.
    /// ```
    /// with four references, the fourth from 2009: "the year 2009 matches reference 4".
    pub struct DanglingCitation {
        code: "CG101",
        name: "dangling-citation",
        severity: Error,
    }
}

impl Rule for DanglingCitation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let article = cx.article;
        for citation in &article.citations {
            if citation.status != CitationStatus::Dangling {
                continue;
            }
            let hint = hints::for_dangling(article, citation);
            let message = match &citation.author {
                Some(author) => format!(
                    "citation \"{}\" names {author}, {}{}, which is not in the reference list; {hint}",
                    citation.marker,
                    citation.stated_year.unwrap_or_default(),
                    citation.year_suffix.map(String::from).unwrap_or_default(),
                ),
                None => format!(
                    "citation \"{}\" points to reference {}, which is not in the reference list; {hint}",
                    citation.marker, citation.key,
                ),
            };
            out.push(Self::META.citation_finding(article, citation, message));
        }
    }
}

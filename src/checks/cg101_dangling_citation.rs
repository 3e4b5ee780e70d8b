use crate::checks::{hints, rule, Context, Rule, RuleMeta};
use crate::model::{CitationStatus, Finding};

rule! {
    /// ## What it does
    /// Flags an in-text citation whose number or key is not in the reference list, and says
    /// what the editor most likely meant: a reference with the year the text states, or a
    /// numbering shifted by one after a reference was dropped from the list.
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
            let message = format!(
                "citation \"{}\" points to reference {}, which is not in the reference list; {}",
                citation.marker,
                citation.key,
                hints::for_dangling(article, citation)
            );
            out.push(Self::META.citation_finding(article, citation, message));
        }
    }
}

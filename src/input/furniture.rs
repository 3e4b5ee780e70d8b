//! Page furniture: the parts of a web page saved as text that are not the article.
//!
//! Articles copied from medical Q&A and publisher sites carry review badges, personalisation
//! prompts, sharing widgets, disclaimers and calls to action. None of it is article text: it must
//! yield no sentences, no citations and no findings. The patterns are one table each, so a new
//! site's furniture is a line of data, not code.

use std::sync::LazyLock;

use regex::RegexSet;

/// Whole lines that are furniture wherever they stand (matched against the trimmed line).
const LINE_PATTERNS: &[&str] = &[
    r"(?i)^medical advisory board",
    r"(?i)^all articles are reviewed\b",
    r"(?i)^educational purpose only\b",
    r"(?i)^(article )?review status$",
    r"(?i)^(submitted|under review|approved|pending review|draft|published)$",
    r"(?i)^(last )?(updated|reviewed|modified)( on)?:? .*\d{4}",
    r"(?i)^view editorial policy$",
    r"(?i)^personali[sz]e$",
    r"(?i)^help us tailor your experience\b",
    r"(?i)^which best describes you\?",
    r"(?i)^(share|print|save|bookmark|copy link|sign in|log in|subscribe|advertisement)$",
    r"(?i)^(share this|share on \w+|follow us on \w+)\b",
    r"(?i)^(we use cookies|this site uses cookies)\b",
    r"(?i)^(was this (answer|article|page) helpful\??)$",
    r"(?i)^(skip to (main )?content)$",
];

/// Headings that open a furniture block: the heading and the text under it, up to the next
/// heading, are not article text.
const BLOCK_OPENERS: &[&str] = &[
    r"(?i)^(professional |medical |legal )*disclaimer:?$",
    r"(?i)^have a follow[- ]?up question\??$",
    r"(?i)^(ask|get) (a|an|your) (follow[- ]?up )?question\b",
    r"(?i)^(related|related articles|related questions|you might also like|more on this topic)$",
    r"(?i)^(about (the )?(author|authors|us)|author information)$",
    r"(?i)^(comments?|leave a comment|newsletter|sign up for our newsletter)$",
];

static LINES: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(LINE_PATTERNS).expect("furniture line patterns compile"));
static BLOCKS: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(BLOCK_OPENERS).expect("furniture block patterns compile"));

/// True when the line, on its own, is page furniture.
pub fn is_furniture_line(line: &str) -> bool {
    LINES.is_match(line.trim())
}

/// True when the line is a heading that opens a block of furniture.
pub fn opens_furniture_block(line: &str) -> bool {
    BLOCKS.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_and_prompts_are_furniture() {
        for line in [
            "Medical Advisory BoardAll articles are reviewed for accuracy by our Medical Advisory Board",
            "Educational purpose only • Exercise caution as content is pending human review",
            "Article Review Status",
            "Under Review",
            "Last updated: March 11, 2025View editorial policy",
            "Personalize",
            "Help us tailor your experience",
            "Which best describes you? Your choice helps us use language that's most understandable for you.",
            "  Share  ",
        ] {
            assert!(is_furniture_line(line), "{line}");
        }
    }

    #[test]
    fn article_text_is_not_furniture() {
        for line in [
            "Treatment Options",
            "Approved therapies include gabapentin.",
            "Submitted manuscripts were reviewed in 2019.",
            "References",
        ] {
            assert!(!is_furniture_line(line), "{line}");
            assert!(!opens_furniture_block(line), "{line}");
        }
    }

    #[test]
    fn disclaimers_and_calls_to_action_open_blocks() {
        for line in [
            "Professional Medical Disclaimer",
            "Disclaimer:",
            "Have a follow-up question?",
            "Related articles",
        ] {
            assert!(opens_furniture_block(line), "{line}");
        }
    }
}

//! Small helpers shared by the Markdown writers.

/// Make text safe inside a Markdown table cell: one line, HTML tags stripped, pipes escaped.
pub fn cell(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    HTML_TAG.replace_all(&folded, "").replace('|', "\\|")
}

/// An HTML tag (`<sup>`, `</a>`, `<br/>`): stripped from report cells, so that text quoted from
/// an article cannot inject markup into the Markdown reports. "p < 0.05" is not a tag.
static HTML_TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>").expect("tag pattern compiles")
});

/// A Markdown table from a header and rows.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push_str(&format!(
        "|{}\n",
        header.iter().map(|_| "---|").collect::<String>()
    ));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// "1 reference", "2 references".
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_lose_tags_and_escape_pipes() {
        assert_eq!(cell("a <sup>1</sup> | b\n c"), "a 1 \\| b c");
        assert_eq!(cell("p < 0.05 and q > 1"), "p < 0.05 and q > 1");
        assert_eq!(cell("<script>alert(1)</script>x"), "alert(1)x");
    }
}

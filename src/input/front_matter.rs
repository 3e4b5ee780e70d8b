//! YAML front matter, as pandoc and static-site generators write it: a block between `---`
//! lines at the top of the file. citegrade reads `title`, `date` and `bibliography` (one path or
//! a list), the last to find the article's bibliography the way pandoc does.

use yaml_rust2::{Yaml, YamlLoader};

/// What the front matter says.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    /// Bibliography paths as written, relative to the article's folder.
    pub bibliography: Vec<String>,
    /// Lines the block takes, delimiters included: article text starts after them.
    pub lines: usize,
}

/// Front matter that could not be read: the 1-based line and the cause.
#[derive(Debug, PartialEq, Eq)]
pub struct BadFrontMatter {
    pub line: usize,
    pub cause: String,
}

/// Read the front matter at the top of `text`, if there is one.
pub fn parse(text: &str) -> Result<Option<FrontMatter>, BadFrontMatter> {
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok(None);
    }
    let body: Vec<&str> = lines
        .by_ref()
        .take_while(|l| !matches!(l.trim_end(), "---" | "..."))
        .collect();
    let block_lines = body.len() + 2;
    if text.lines().count() < block_lines {
        // No closing delimiter: a thematic break, not front matter.
        return Ok(None);
    }
    let docs = YamlLoader::load_from_str(&body.join("\n")).map_err(|e| BadFrontMatter {
        line: e.marker().line() + 2,
        cause: format!("front matter is not valid YAML: {}", e.info()),
    })?;
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return Ok(Some(FrontMatter {
            lines: block_lines,
            ..FrontMatter::default()
        }));
    };
    let get = |key: &str| map.get(&Yaml::String(key.to_string()));
    Ok(Some(FrontMatter {
        title: get("title").and_then(scalar),
        date: get("date").and_then(scalar),
        bibliography: match get("bibliography") {
            Some(Yaml::Array(items)) => items.iter().filter_map(scalar).collect(),
            Some(other) => scalar(other).into_iter().collect(),
            None => Vec::new(),
        },
        lines: block_lines,
    }))
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pandoc_front_matter() {
        let fm = parse(
            "---\ntitle: \"Pain: a review\"\ndate: 2024-05-01\nbibliography: refs.bib\n---\nText\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Pain: a review"));
        assert_eq!(fm.date.as_deref(), Some("2024-05-01"));
        assert_eq!(fm.bibliography, ["refs.bib"]);
        assert_eq!(fm.lines, 5);
    }

    #[test]
    fn a_list_of_bibliographies() {
        let fm = parse("---\nbibliography:\n  - a.bib\n  - b.ris\n...\n")
            .unwrap()
            .unwrap();
        assert_eq!(fm.bibliography, ["a.bib", "b.ris"]);
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(parse("Title\n---\n"), Ok(None));
        assert_eq!(parse("---\nnever closed\n"), Ok(None));
    }

    #[test]
    fn bad_yaml_names_its_line() {
        let err = parse("---\ntitle: ok\nbibliography: [a.bib\n---\n").unwrap_err();
        assert!(err.cause.contains("not valid YAML"), "{}", err.cause);
        assert!(err.line >= 3, "{}", err.line);
    }
}

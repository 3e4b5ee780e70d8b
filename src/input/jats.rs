//! JATS (and NLM) XML articles, as publishers and PubMed Central deliver them.
//!
//! The reference list comes from every `<ref>` (with `element-citation`, `mixed-citation`,
//! `nlm-citation` or `citation`); the text from the abstract, the body and the back matter
//! (captions, table cells, footnotes), cut into blocks at `<p>`, `<td>` and `<th>`. Citations
//! are the `<xref ref-type="bibr">` elements themselves, each at the line and column of its
//! `<xref`, keyed by `rid`; "3–6" written between two xrefs also cites 4 and 5. Formulas and
//! the reference list are not text.
//!
//! Tag library: <https://jats.nlm.nih.gov/archiving/tag-library/1.3/>

use std::collections::HashMap;

use super::fields::LineIndex;
use super::refstring;
use super::text::{self, Block, Markers, TextFragment};
use super::xml_tree::{self, Element, Node};
use crate::model::{
    Article, Citation, InputProblem, InputProblemKind, Person, Position, Reference,
};

/// Elements whose text is not article text.
const SKIP: &[&str] = &[
    "ref-list",
    "ref",
    "tex-math",
    "math",
    "disp-formula",
    "inline-formula",
    "object-id",
    "journal-meta",
    "contrib-group",
    "aff",
    "author-notes",
    "pub-date",
    "history",
    "permissions",
    "kwd-group",
    "funding-group",
    "counts",
    "custom-meta-group",
    "article-categories",
    "title-group",
];
/// Elements that open a block of text.
const BLOCKS: &[&str] = &["p", "td", "th", "title"];
/// Elements that open a section, whose `<title>` child is the heading.
const SECTIONS: &[&str] = &[
    "sec",
    "abstract",
    "trans-abstract",
    "ack",
    "app",
    "boxed-text",
    "glossary",
    "bio",
];
/// The elements of `<ref>` that describe a cited work.
const CITATIONS: &[&str] = &[
    "element-citation",
    "mixed-citation",
    "nlm-citation",
    "citation",
];
/// Text between two xrefs that makes them a range ("3–6").
const RANGE_DASHES: &[&str] = &["-", "\u{2013}", "\u{2014}", "\u{2212}"];

/// Read a JATS article into `article`.
pub fn read(source: &str, article: &mut Article) {
    article.lines = source.lines().map(str::to_string).collect();
    let lines = LineIndex::new(source);
    let root = match xml_tree::parse(source) {
        Ok(root) => root,
        Err(error) => {
            article.problems.push(InputProblem {
                kind: InputProblemKind::Unreadable,
                position: lines.position(error.offset),
                message: error.message,
                reference: None,
                source: None,
            });
            return;
        }
    };
    article.title = root
        .at(&["front", "article-meta", "title-group", "article-title"])
        .map(Element::text)
        .filter(|t| !t.is_empty());
    article.published_year = root
        .at(&["front", "article-meta"])
        .and_then(publication_year);
    let mut refs = Vec::new();
    root.find_all("ref", &mut refs);
    article.references = refs
        .iter()
        .enumerate()
        .map(|(i, r)| reference(r, i + 1, &lines))
        .collect();
    let mut walker = Walker {
        lines: &lines,
        order: article
            .references
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.clone(), i))
            .collect(),
        keys: article.references.iter().map(|r| r.key.clone()).collect(),
        blocks: Vec::new(),
        open: None,
        sections: Vec::new(),
        last_xref: None,
    };
    if let Some(abstract_element) = root
        .at(&["front", "article-meta"])
        .and_then(|m| m.child("abstract"))
    {
        walker.walk(abstract_element);
    }
    for zone in root.elements().filter(|e| e.name != "front") {
        walker.walk(zone);
    }
    walker.close_block();
    text::add_blocks(article, walker.blocks, Markers::NONE);
}

/// Walks the text zones, building blocks and the citations in them.
struct Walker<'a> {
    lines: &'a LineIndex<'a>,
    /// Reference key -> its index in list order, for ranges.
    order: HashMap<String, usize>,
    keys: Vec<String>,
    blocks: Vec<Block>,
    open: Option<Block>,
    sections: Vec<Option<String>>,
    /// The last bibr xref of the open block (list index, marker) and the text seen since.
    last_xref: Option<(Option<usize>, String, String)>,
}

impl Walker<'_> {
    fn walk(&mut self, element: &Element) {
        let name = element.name.as_str();
        if SKIP.contains(&name) {
            return;
        }
        if name == "sub-article" || name == "response" {
            // A decision letter or reply: its own front matter is furniture, its body text.
            for child in element
                .elements()
                .filter(|e| e.name != "front" && e.name != "front-stub")
            {
                self.walk(child);
            }
            return;
        }
        if SECTIONS.contains(&name) {
            let heading = element
                .child("title")
                .map(Element::text)
                .or_else(|| (name == "abstract").then(|| "Abstract".to_string()));
            self.sections.push(heading);
            self.walk_children(element, true);
            self.sections.pop();
            return;
        }
        if name == "xref" && element.attribute("ref-type") == Some("bibr") {
            self.xref(element);
            return;
        }
        if BLOCKS.contains(&name) {
            self.close_block();
            self.open_block();
            self.walk_children(element, false);
            self.close_block();
            return;
        }
        self.walk_children(element, false);
    }

    /// Walk the children; in a section, its `<title>` is the heading, not text.
    fn walk_children(&mut self, element: &Element, in_section: bool) {
        let mut seen_title = false;
        for node in &element.children {
            match node {
                Node::Element(child) => {
                    if in_section && child.name == "title" && !seen_title {
                        seen_title = true;
                        continue;
                    }
                    self.walk(child);
                }
                Node::Text { text, start } => self.text(text, *start),
            }
        }
    }

    fn text(&mut self, text: &str, start: usize) {
        let Some(block) = self.open.as_mut() else {
            return;
        };
        if let Some((_, _, since)) = self.last_xref.as_mut() {
            since.push_str(text);
        }
        let mut offset = start;
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                offset += 1;
            }
            if !piece.trim().is_empty() {
                let position = self.lines.position(offset);
                block.fragments.push(TextFragment {
                    line: position.line,
                    column: position.column,
                    text: piece.to_string(),
                });
            }
            offset += piece.len();
        }
    }

    fn xref(&mut self, element: &Element) {
        let standalone = self.open.is_none();
        if standalone {
            self.open_block();
        }
        let position = self.lines.position(element.start);
        let marker = element.text();
        let rids: Vec<String> = element
            .attribute("rid")
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let first = rids.first().and_then(|rid| self.order.get(rid).copied());
        self.implied_range(first, &marker, position);
        for rid in rids {
            self.cite(rid, marker.clone(), position);
        }
        for node in &element.children {
            if let Node::Text { text, start } = node {
                self.text(text, *start);
            }
        }
        self.last_xref = Some((first, marker, String::new()));
        if standalone {
            self.close_block();
        }
    }

    /// "<xref>3</xref>–<xref>6</xref>" cites every reference from 3 to 6.
    fn implied_range(&mut self, to: Option<usize>, marker: &str, position: Position) {
        let Some((Some(from), from_marker, since)) = self.last_xref.take() else {
            return;
        };
        let (Some(to), true) = (to, RANGE_DASHES.contains(&since.trim())) else {
            return;
        };
        if to <= from + 1 || to - from > 200 {
            return;
        }
        let range = format!("{from_marker}{}{marker}", since.trim());
        for index in from + 1..to {
            if let Some(key) = self.keys.get(index).cloned() {
                self.cite(key, range.clone(), position);
            }
        }
    }

    fn cite(&mut self, key: String, marker: String, position: Position) {
        if let Some(block) = self.open.as_mut() {
            block.citations.push(Citation::new(marker, key, position));
        }
    }

    fn open_block(&mut self) {
        self.open = Some(Block {
            section: self.sections.iter().rev().flatten().next().cloned(),
            ..Block::default()
        });
        self.last_xref = None;
    }

    fn close_block(&mut self) {
        if let Some(block) = self.open.take() {
            if !block.fragments.is_empty() || !block.citations.is_empty() {
                self.blocks.push(block);
            }
        }
        self.last_xref = None;
    }
}

/// The year of the article's first `<pub-date>` that gives one.
fn publication_year(meta: &Element) -> Option<i32> {
    meta.elements()
        .filter(|e| e.name == "pub-date")
        .find_map(|d| d.child("year").and_then(|y| y.text().parse().ok()))
}

/// One `<ref>` as a reference; `index` keys it when it has no `id`.
fn reference(element: &Element, index: usize, lines: &LineIndex<'_>) -> Reference {
    let key = element
        .attribute("id")
        .map_or_else(|| index.to_string(), str::to_string);
    let citation = element
        .elements()
        .find(|e| CITATIONS.contains(&e.name.as_str()))
        .or_else(|| CITATIONS.iter().find_map(|name| element.find(name)));
    let mut reference = match citation {
        Some(c) if is_tagged(c) => tagged_reference(c, &key),
        Some(c) => refstring::parse(&key, &c.text()),
        None => refstring::parse(&key, &element.text()),
    };
    reference.key = key;
    reference.source_label = element.child("label").map(Element::text);
    reference.position = lines.position(element.start);
    reference.raw = element.text();
    reference
}

/// True when the citation marks its fields up (rather than being one string of text).
fn is_tagged(citation: &Element) -> bool {
    ["article-title", "source", "year", "person-group", "name"]
        .iter()
        .any(|name| citation.find(name).is_some())
}

fn tagged_reference(citation: &Element, key: &str) -> Reference {
    let text_of = |name: &str| {
        citation
            .find(name)
            .map(Element::text)
            .filter(|t| !t.is_empty())
    };
    let kind = citation
        .attribute("publication-type")
        .or_else(|| citation.attribute("citation-type"))
        .map(str::to_string);
    let article_title = text_of("article-title").or_else(|| text_of("chapter-title"));
    let source = text_of("source");
    let (title, container) = match article_title {
        Some(title) => (Some(title), source),
        None => (source, None),
    };
    let year = text_of("year")
        .and_then(|y| first_year(&y))
        .or_else(|| first_year(&citation.text()));
    let pages = match (text_of("fpage"), text_of("lpage")) {
        (Some(first), Some(last)) => Some(format!("{first}-{last}")),
        (first, _) => first,
    };
    Reference {
        key: key.to_string(),
        authors: authors(citation),
        title: title.map(|t| t.trim_end_matches('.').to_string()),
        container,
        year,
        volume: text_of("volume"),
        issue: text_of("issue"),
        pages,
        doi: pub_id(citation, "doi"),
        pmid: pub_id(citation, "pmid"),
        pmcid: pub_id(citation, "pmcid"),
        url: citation
            .find("ext-link")
            .and_then(|e| e.attribute("href"))
            .map(str::to_string),
        entry_type: kind,
        ..Reference::default()
    }
}

fn first_year(text: &str) -> Option<i32> {
    text.as_bytes()
        .windows(4)
        .enumerate()
        .find(|(i, w)| {
            w.iter().all(u8::is_ascii_digit)
                && (w[0] == b'1' && (w[1] == b'8' || w[1] == b'9') || w[0] == b'2' && w[1] == b'0')
                && !text.as_bytes().get(i + 4).is_some_and(u8::is_ascii_digit)
                && !(*i > 0 && text.as_bytes()[i - 1].is_ascii_digit())
        })
        .and_then(|(i, _)| text.get(i..i + 4)?.parse().ok())
}

/// The authors: the author person-group (or, in older markup, every name outside an editor
/// group), collaborations included.
fn authors(citation: &Element) -> Vec<Person> {
    let groups: Vec<&Element> = citation
        .elements()
        .filter(|e| e.name == "person-group")
        .collect();
    let authors_group = groups
        .iter()
        .find(|g| {
            g.attribute("person-group-type")
                .is_none_or(|t| t == "author")
        })
        .copied();
    let scope: Vec<&Element> = match authors_group {
        Some(group) => group.elements().collect(),
        None if groups.is_empty() => citation.elements().collect(),
        None => Vec::new(),
    };
    scope
        .into_iter()
        .filter_map(|e| match e.name.as_str() {
            "name" | "string-name" => e.child("surname").map(|surname| Person {
                family: surname.text(),
                given: e.child("given-names").map(Element::text),
            }),
            "collab" => Some(Person {
                family: e.text(),
                given: None,
            }),
            _ => None,
        })
        .filter(|p| !p.family.is_empty())
        .collect()
}

fn pub_id(citation: &Element, kind: &str) -> Option<String> {
    let mut ids = Vec::new();
    citation.find_all("pub-id", &mut ids);
    ids.into_iter()
        .find(|e| {
            e.attribute("pub-id-type")
                .is_some_and(|t| t.eq_ignore_ascii_case(kind))
        })
        .map(Element::text)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"<?xml version="1.0"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink">
<front><article-meta><title-group><article-title>Gabapentin and pain</article-title></title-group>
<abstract><p>Gabapentin works <xref ref-type="bibr" rid="B1">1</xref>.</p></abstract>
</article-meta></front>
<body><sec><title>Introduction</title>
<p>Pain is common <xref ref-type="bibr" rid="B1">1</xref>&#x2013;<xref ref-type="bibr" rid="B3">3</xref>. It
hurts <xref ref-type="bibr" rid="B9">9</xref>. See <italic>in</italic>vitro work
<disp-formula><tex-math>x [5]</tex-math></disp-formula>.</p>
<table-wrap><table><tr><td>Cell <xref ref-type="bibr" rid="B2">2</xref></td></tr></table></table-wrap>
</sec></body>
<back><ref-list>
<ref id="B1"><label>1</label><element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Smith</surname><given-names>A</given-names></name><name><surname>Jones</surname><given-names>B</given-names></name></person-group><article-title>A randomized trial of gabapentin.</article-title><source>Pain</source><year>2015</year><volume>3</volume><fpage>1</fpage><lpage>9</lpage><pub-id pub-id-type="doi">10.1/x</pub-id><pub-id pub-id-type="pmid">123</pub-id></element-citation></ref>
<ref id="B2"><mixed-citation>Lee K. Pregabalin. BMJ. 2001;2:4.</mixed-citation></ref>
<ref id="B3"><nlm-citation citation-type="book"><collab>WHO</collab><source>Pain guidelines</source><year>2019</year></nlm-citation></ref>
</ref-list></back></article>"#;

    fn read_article() -> Article {
        let mut article = Article::default();
        read(ARTICLE, &mut article);
        article
    }

    #[test]
    fn references_from_every_citation_element() {
        let a = read_article();
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        assert_eq!(a.title.as_deref(), Some("Gabapentin and pain"));
        let keys: Vec<&str> = a.references.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["B1", "B2", "B3"]);
        let b1 = &a.references[0];
        assert_eq!(b1.authors.len(), 2);
        assert_eq!(b1.authors[0].family, "Smith");
        assert_eq!(
            b1.title.as_deref(),
            Some("A randomized trial of gabapentin")
        );
        assert_eq!(b1.container.as_deref(), Some("Pain"));
        assert_eq!((b1.year, b1.pages.as_deref()), (Some(2015), Some("1-9")));
        assert_eq!(
            (b1.doi.as_deref(), b1.pmid.as_deref()),
            (Some("10.1/x"), Some("123"))
        );
        assert_eq!(b1.position, Position::new(13, 1));
        let b2 = &a.references[1];
        assert_eq!(
            (b2.title.as_deref(), b2.year),
            (Some("Pregabalin"), Some(2001))
        );
        let b3 = &a.references[2];
        assert_eq!(b3.authors[0].family, "WHO");
        assert_eq!(b3.title.as_deref(), Some("Pain guidelines"));
        assert_eq!(b3.entry_type.as_deref(), Some("book"));
    }

    #[test]
    fn xrefs_are_citations_at_their_markup() {
        let a = read_article();
        let cited: Vec<(&str, &str, usize, usize)> = a
            .citations
            .iter()
            .map(|c| {
                (
                    c.key.as_str(),
                    c.marker.as_str(),
                    c.position.line,
                    c.position.column,
                )
            })
            .collect();
        assert_eq!(
            cited,
            [
                ("B1", "1", 4, 31),
                ("B1", "1", 7, 19),
                ("B2", "1\u{2013}3", 7, 66),
                ("B3", "3", 7, 66),
                ("B9", "9", 8, 7),
                ("B2", "2", 10, 33),
            ]
        );
        assert_eq!(a.sentences[0].section.as_deref(), Some("Abstract"));
        assert_eq!(a.sentences[1].section.as_deref(), Some("Introduction"));
        // Formulas are not text; inline markup does not split words.
        let text: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert!(text.iter().all(|t| !t.contains("[5]")), "{text:?}");
        assert!(text.iter().any(|t| t.contains("invitro")), "{text:?}");
    }

    #[test]
    fn malformed_xml_is_reported_with_its_line() {
        let mut article = Article::default();
        read("<article>\n<body><p>x</body></article>", &mut article);
        assert_eq!(article.problems.len(), 1);
        assert_eq!(article.problems[0].position.line, 2);
    }
}

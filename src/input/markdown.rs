//! The Markdown article: CommonMark (with tables, footnotes, `^superscript^`) under optional
//! YAML front matter, read with `pulldown-cmark` and its source offsets so that every piece of
//! text keeps its line and column.
//!
//! Headings open sections; paragraphs, list items and table cells become [`Block`]s; code,
//! HTML blocks and comments, images and link URLs are not text. The list (or the "[1] ..."
//! paragraphs) under a "References" heading is the reference list. Citations written as
//! markup, `^1^`, `<sup>1,3-5</sup>` or a link `[1](#ref-1)`, are taken here; those written in
//! the text ("[1-4]", "[@smith2015]", "(Smith et al., 2015)") are found by [`super::text`].

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::citations::{expand_numbers, is_power_base};
use super::fields::LineIndex;
use super::plaintext::read_front_matter;
use super::references::{self, Entry};
use super::text::{self, Block, Markers, TextFragment};
use super::Parsed;
use crate::model::{Article, Citation, Position};

/// Longest superscript, in characters, that can hold citation numbers ("12, 14-17, 20").
const MAX_SUPERSCRIPT_CHARS: usize = 40;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Read a Markdown article into `article` (whose `id` and `path` are already set).
pub fn read(text: &str, article: &mut Article) {
    let front_lines = read_front_matter(text, article);
    article.lines = text.lines().map(str::to_string).collect();
    let index = LineIndex::new(text);
    // Front matter pulldown-cmark would not take for metadata still stays out of the text.
    let body_start = index.offset(front_lines + 1, 1);
    let mut reader = Reader::new(text, &index);
    // A title from the front matter makes a first "# Heading" a section.
    reader.title = article.title.take();
    let parser = Parser::new_ext(&text[body_start..], options()).into_offset_iter();
    for (event, range) in parser {
        reader.event(event, range.start + body_start..range.end + body_start);
    }
    reader.end_block();
    reader.end_references();
    article.title = reader.title;
    let parsed = references::from_entries(reader.entries);
    article.references.extend(parsed.references);
    article.problems.extend(parsed.problems);
    text::add_blocks(article, reader.blocks, Markers::MARKDOWN);
}

/// Byte ranges of `text` that are code (fenced or indented blocks, inline code spans): what
/// stands there is shown, not meant, so a `citegrade:` comment there is no directive.
pub fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let front_lines = super::front_matter::parse(text)
        .ok()
        .flatten()
        .map_or(0, |fm| fm.lines);
    let body_start = LineIndex::new(text).offset(front_lines + 1, 1);
    let Some(body) = text.get(body_start..) else {
        return Vec::new();
    };
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
        .map(|(_, range)| range.start + body_start..range.end + body_start)
        .collect()
}

/// The reference list of a Markdown file read as a bare bibliography.
pub fn parse_references(text: &str) -> Parsed {
    let mut article = Article::default();
    read(text, &mut article);
    Parsed {
        references: article.references,
        problems: article.problems,
    }
}

/// Markup whose text is not article text, or is gathered apart from it.
#[derive(Clone, Debug)]
enum Capture {
    /// Code, HTML blocks, images, autolinks, metadata: dropped.
    Skip,
    /// An ordinary link: its text is text (its URL never is).
    Link,
    /// A superscript, `^..^` or `<sup>..</sup>`, starting at this byte: citation numbers or text.
    Superscript { start: usize },
    /// A link to a place in the article (`[1](#ref-1)`), starting at this byte.
    InternalLink { start: usize },
}

/// Pieces of text gathered while a [`Capture`] is open.
#[derive(Default)]
struct Captured {
    text: String,
    fragments: Vec<(TextFragment, Range<usize>)>,
}

/// Where the reader stands in the reference list.
struct ReferenceList {
    /// Level of the heading that opened it: a heading as high or higher closes it.
    level: usize,
    /// Number of the next item of each open ordered list (`None` for a bullet list).
    lists: Vec<Option<u64>>,
    /// The number of the list item being read.
    item_number: Option<u64>,
}

struct Reader<'a> {
    source: &'a str,
    index: &'a LineIndex<'a>,
    blocks: Vec<Block>,
    current: Block,
    /// Byte just past the last fragment of `current`, to join runs of text split by events.
    last_end: Option<usize>,
    section: Option<String>,
    title: Option<String>,
    heading: Option<String>,
    captures: Vec<(Capture, Captured)>,
    reference_list: Option<ReferenceList>,
    entries: Vec<Entry>,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str, index: &'a LineIndex<'a>) -> Self {
        Reader {
            source,
            index,
            blocks: Vec::new(),
            current: Block::default(),
            last_end: None,
            section: None,
            title: None,
            heading: None,
            captures: Vec::new(),
            reference_list: None,
            entries: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => self.text(&text, range),
            Event::InlineHtml(html) => self.inline_html(&html, range),
            Event::SoftBreak | Event::HardBreak => self.last_end = None,
            // Code, HTML blocks (comments included), math, footnote marks, rules: not text.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { .. } => {
                self.end_block();
                self.heading = Some(String::new());
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. } => {
                self.end_block();
                self.captures.push((Capture::Skip, Captured::default()));
            }
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            } => self.captures.push((Capture::Skip, Captured::default())),
            Tag::Link { dest_url, .. } if dest_url.starts_with('#') => self.captures.push((
                Capture::InternalLink { start: range.start },
                Captured::default(),
            )),
            Tag::Link { .. } => self.captures.push((Capture::Link, Captured::default())),
            Tag::Superscript => self.captures.push((
                Capture::Superscript { start: range.start },
                Captured::default(),
            )),
            Tag::List(first) => {
                self.end_block();
                if let Some(list) = &mut self.reference_list {
                    list.lists.push(first);
                }
            }
            Tag::Item => {
                self.end_block();
                if let Some(list) = &mut self.reference_list {
                    list.item_number = list.lists.last_mut().and_then(|next| {
                        let number = *next;
                        *next = next.map(|n| n + 1);
                        number
                    });
                }
            }
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.end_block(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(level) => {
                let heading = self.heading.take().unwrap_or_default();
                self.heading_done(heading.trim(), level as usize);
            }
            TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::Image
            | TagEnd::Link
            | TagEnd::Superscript => self.close_capture(range.end),
            TagEnd::List(_) => {
                self.end_block();
                if let Some(list) = &mut self.reference_list {
                    list.lists.pop();
                }
            }
            TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.end_block(),
            _ => {}
        }
    }

    fn heading_done(&mut self, heading: &str, level: usize) {
        if self
            .reference_list
            .as_ref()
            .is_some_and(|list| level <= list.level)
        {
            self.end_references();
        }
        if references::is_heading(heading) {
            self.reference_list = Some(ReferenceList {
                level,
                lists: Vec::new(),
                item_number: None,
            });
        } else if self.reference_list.is_some() {
            // A sub-heading inside the list ("Primary sources") groups entries.
        } else if level == 1 && self.title.is_none() && self.blocks.is_empty() {
            self.title = Some(heading.to_string());
        } else {
            self.section = Some(heading.to_string());
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(heading) = &mut self.heading {
            heading.push_str(text);
            return;
        }
        let pieces = self.pieces(text, range);
        match self.captures.last_mut() {
            Some((Capture::Skip, _)) => {}
            Some((_, captured)) => {
                captured.text.push_str(text);
                captured.fragments.extend(pieces);
            }
            None => {
                for (fragment, range) in pieces {
                    self.push_fragment(fragment, range);
                }
            }
        }
    }

    /// `text` cut at line ends, each piece with its source position and byte range.
    fn pieces(&self, text: &str, range: Range<usize>) -> Vec<(TextFragment, Range<usize>)> {
        let fragment = |text: &str, start: usize| {
            let position = self.index.position(start);
            TextFragment {
                line: position.line,
                column: position.column,
                text: text.to_string(),
            }
        };
        if self.source.get(range.clone()) != Some(text) {
            // An entity or escape ("&amp;", "\*"): the text stands where its source starts.
            return vec![(fragment(text, range.start), range)];
        }
        let mut pieces = Vec::new();
        let mut start = range.start;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            if !content.is_empty() {
                pieces.push((fragment(content, start), start..start + content.len()));
            }
            start += line.len();
        }
        pieces
    }

    /// Add a fragment to the block being read, joining it to the previous one when the two
    /// touch in the source (pulldown-cmark cuts text at `[`, `]`, `*` and the like).
    fn push_fragment(&mut self, fragment: TextFragment, range: Range<usize>) {
        if fragment.text.trim_start().starts_with(":::") {
            // A pandoc fenced div ("::: {#refs}") marks layout, not text.
            return;
        }
        match self.current.fragments.last_mut() {
            Some(last) if self.last_end == Some(range.start) && last.line == fragment.line => {
                last.text.push_str(&fragment.text);
            }
            _ => self.current.fragments.push(fragment),
        }
        self.last_end = Some(range.end);
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        let tag = html.trim().to_ascii_lowercase();
        if tag.starts_with("<sup") && tag.ends_with('>') && !tag.ends_with("/>") {
            self.captures.push((
                Capture::Superscript { start: range.start },
                Captured::default(),
            ));
        } else if tag == "</sup>"
            && matches!(self.captures.last(), Some((Capture::Superscript { .. }, _)))
        {
            self.close_capture(range.end);
        }
    }

    /// Close the innermost capture, which ends at byte `end`.
    fn close_capture(&mut self, end: usize) {
        let Some((capture, captured)) = self.captures.pop() else {
            return;
        };
        let start = match capture {
            Capture::Skip => return,
            Capture::Link => return self.release(captured),
            Capture::Superscript { start } if !self.after_number_or_unit() => start,
            Capture::InternalLink { start } => start,
            Capture::Superscript { .. } => return self.release(captured),
        };
        let inside = captured.text.trim();
        let inside = inside
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .unwrap_or(inside);
        if !is_number_list(inside) {
            return self.release(captured);
        }
        let marker = self.source.get(start..end).unwrap_or(inside).to_string();
        let position = self.index.position(start);
        let citations: Vec<Citation> = expand_numbers(inside)
            .into_iter()
            .map(|number| Citation::new(marker.as_str(), number.to_string(), position))
            .collect();
        match self.captures.last_mut() {
            Some((Capture::Skip, _)) => {}
            // A citation link inside a superscript: the superscript holds no text of its own.
            Some((_, outer)) => outer.text.push_str(&captured.text),
            None => self.current.citations.extend(citations),
        }
    }

    /// Text gathered in a capture that turned out not to be a citation goes where the capture
    /// stood: into the enclosing capture or the block.
    fn release(&mut self, captured: Captured) {
        match self.captures.last_mut() {
            Some((Capture::Skip, _)) => {}
            Some((_, outer)) => {
                outer.text.push_str(&captured.text);
                outer.fragments.extend(captured.fragments);
            }
            None => {
                for (fragment, range) in captured.fragments {
                    self.push_fragment(fragment, range);
                }
            }
        }
    }

    /// True when the text just before a superscript is a number or a unit: "10^6^", "m^2^".
    fn after_number_or_unit(&self) -> bool {
        self.current
            .fragments
            .last()
            .is_some_and(|last| is_power_base(&last.text))
    }

    /// Close the block being read: article text, or an entry of the reference list.
    fn end_block(&mut self) {
        self.last_end = None;
        let block = std::mem::take(&mut self.current);
        if block.fragments.is_empty() && block.citations.is_empty() {
            return;
        }
        match &mut self.reference_list {
            Some(list) => {
                let number = list.item_number.take();
                add_entries(&mut self.entries, number, &block.fragments);
            }
            // "References" alone in a paragraph ("**References**"): a heading in all but markup.
            None if is_heading_paragraph(&block) => {
                self.reference_list = Some(ReferenceList {
                    level: DEEPEST_HEADING,
                    lists: Vec::new(),
                    item_number: None,
                });
            }
            None => self.blocks.push(Block {
                section: self.section.clone(),
                ..block
            }),
        }
    }

    fn end_references(&mut self) {
        self.end_block();
        self.reference_list = None;
    }
}

/// The deepest Markdown heading level: any heading closes a list opened by a paragraph.
const DEEPEST_HEADING: usize = 6;

fn is_heading_paragraph(block: &Block) -> bool {
    match block.fragments.as_slice() {
        [only] => block.citations.is_empty() && references::is_heading(&only.text),
        _ => false,
    }
}

/// "1", "1,3", "4-6", "1, 3–5": the inside of a numeric citation.
fn is_number_list(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= MAX_SUPERSCRIPT_CHARS
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ',' | ';' | '-' | '\u{2013}' | '\u{2014}' | ' ')
        })
}

/// Turn one block of the reference list into entries. An ordered-list item is one entry with
/// the number the list shows; otherwise a line opening "[3] ..." or "3. ..." starts a
/// numbered entry, the block's first line starts an entry numbered in list order, and any
/// other line continues the entry before it.
fn add_entries(entries: &mut Vec<Entry>, item_number: Option<u64>, fragments: &[TextFragment]) {
    let Some(first) = fragments.first() else {
        return;
    };
    if let Some(number) = item_number {
        entries.push(Entry {
            key: number.to_string(),
            position: Position::new(first.line, first.column),
            text: join_lines(fragments),
        });
        return;
    }
    for (i, line) in lines_of(fragments).into_iter().enumerate() {
        if let Some((key, start)) = references::numbered_line(&line.text) {
            let skipped = line.text.get(..start).map_or(0, |s| s.chars().count());
            entries.push(Entry {
                key,
                position: Position::new(line.line, line.column + skipped),
                text: line.text.get(start..).unwrap_or("").to_string(),
            });
        } else if let (Some(last), false) = (entries.last_mut(), i == 0) {
            last.text.push(' ');
            last.text.push_str(line.text.trim());
        } else {
            entries.push(Entry {
                key: (entries.len() + 1).to_string(),
                position: Position::new(line.line, line.column),
                text: line.text.trim().to_string(),
            });
        }
    }
}

/// The fragments regrouped into one fragment per source line.
fn lines_of(fragments: &[TextFragment]) -> Vec<TextFragment> {
    let mut lines: Vec<TextFragment> = Vec::new();
    for fragment in fragments {
        match lines.last_mut() {
            Some(last) if last.line == fragment.line => last.text.push_str(&fragment.text),
            _ => lines.push(fragment.clone()),
        }
    }
    lines
}

/// The text of the fragments as it reads: lines joined by one space.
fn join_lines(fragments: &[TextFragment]) -> String {
    lines_of(fragments)
        .iter()
        .map(|l| l.text.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        let mut article = Article::default();
        read(text, &mut article);
        article
    }

    /// (key, line, column) of every citation.
    fn citations(a: &Article) -> Vec<(String, usize, usize)> {
        a.citations
            .iter()
            .map(|c| (c.key.clone(), c.position.line, c.position.column))
            .collect()
    }

    #[test]
    fn headings_paragraphs_and_positions() {
        let a = article(
            "# Statins for everyone?\n\nIntro *text* helps [1].\n\n## Methods\n\n- Item **one** [2-3].\n- Item two.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Statins for everyone?"));
        let texts: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Intro text helps [1].", "Item one [2-3].", "Item two."]
        );
        assert_eq!(a.sentences[1].section.as_deref(), Some("Methods"));
        assert_eq!(
            citations(&a),
            [
                ("1".into(), 3, 20),
                ("2".into(), 7, 16),
                ("3".into(), 7, 16)
            ]
        );
    }

    #[test]
    fn front_matter_title_and_bibliography() {
        let a = article(
            "---\ntitle: Pain\nbibliography: refs.bib\n---\n\n# Background\n\nText [@smith2015].\n",
        );
        assert_eq!(a.title.as_deref(), Some("Pain"));
        assert_eq!(a.bibliography_files, ["refs.bib"]);
        assert_eq!(a.sentences[0].section.as_deref(), Some("Background"));
        assert_eq!(citations(&a), [("smith2015".into(), 8, 7)]);
    }

    #[test]
    fn superscripts_and_internal_links_are_citations() {
        let a = article(
            "Pain fell.^1^ Sleep improved.<sup>2,4-5</sup> Mood [6](#ref-6) too.\n\nBMI was 30 kg/m^2^ and 10<sup>6</sup> cells.\n",
        );
        assert_eq!(
            citations(&a),
            [
                ("1".into(), 1, 11),
                ("2".into(), 1, 30),
                ("4".into(), 1, 30),
                ("5".into(), 1, 30),
                ("6".into(), 1, 52)
            ]
        );
        assert_eq!(a.citations[1].marker, "<sup>2,4-5</sup>");
        assert_eq!(a.sentences[0].text, "Pain fell.");
        assert_eq!(a.sentences[3].text, "BMI was 30 kg/m^2^ and 106 cells.");
    }

    #[test]
    fn code_comments_and_urls_are_not_text() {
        let a = article(
            "Text.\n\n```\ncode [9]\n```\n\n<!-- note [8] -->\n\nSee <https://x.org/[7]> and `[6]` and [a link](https://doi.org/10.1/[5]).\n",
        );
        assert!(a.citations.is_empty(), "{:?}", citations(&a));
        assert_eq!(a.sentences[1].text, "See  and  and a link.");
    }

    #[test]
    fn numbered_reference_list_keeps_its_numbers() {
        let a = article(
            "Text [2].\n\n## References\n\n1. Smith AB, Jones C. Statins. Lancet. 2019;1:2-3.\n1. Lee C. Aspirin for\n   prevention. BMJ. 2001;2:4.\n\n## Funding\n\nNone [9].\n",
        );
        let keys: Vec<(&str, Option<i32>, Position)> = a
            .references
            .iter()
            .map(|r| (r.key.as_str(), r.year, r.position))
            .collect();
        assert_eq!(
            keys,
            [
                ("1", Some(2019), Position::new(5, 4)),
                ("2", Some(2001), Position::new(6, 4))
            ]
        );
        assert_eq!(
            a.references[1].title.as_deref(),
            Some("Aspirin for prevention")
        );
        assert_eq!(
            a.sentences.last().map(|s| s.section.clone()),
            Some(Some("Funding".into()))
        );
    }

    #[test]
    fn a_references_paragraph_opens_the_list_until_the_next_heading() {
        let a = article("Text [1].\n\n**References:**\n\n1. Lee C. Aspirin. BMJ. 2001.\n\n# Notes\n\nMore text.\n");
        assert_eq!(a.references.len(), 1);
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.sentences[1].section.as_deref(), Some("Notes"));
    }

    #[test]
    fn bracketed_reference_paragraphs() {
        let a = article("Text.\n\n# Bibliography\n\n[1] Smith AB. Statins. Lancet. 2019.\n[2] Lee C. Aspirin.\nBMJ. 2001.\n\n::: {#refs}\n:::\n");
        assert_eq!(a.references.len(), 2);
        assert_eq!(a.references[1].position, Position::new(6, 5));
        assert_eq!(a.references[1].year, Some(2001));
        assert!(a.problems.is_empty(), "{:?}", a.problems);
    }
}

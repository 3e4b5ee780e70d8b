//! HTML articles, as a CMS exports them: the text of the page without its furniture, cut into
//! blocks; the reference list; and the citations written as markup or as text.
//!
//! - Furniture is skipped: `nav`, `aside`, `script`, `style`, `form` and the like, the site
//!   `header` and `footer`, elements with a furniture role, hidden elements, class names CMS
//!   themes give furniture (see [`markup`]), and the furniture lines and blocks of
//!   [`super::furniture`].
//! - `h1` (else `<title>`) is the title; headings open sections; `p`, `li`, `td`, `th`,
//!   `blockquote`, `figcaption`, `dd` (and loose text) are blocks. Unclosed elements close as
//!   HTML closes them.
//! - The reference list is the entries under a "References" heading, or in an element whose
//!   class, id or role says so (`<ol class="references">`, `<section id="references">`):
//!   list items, numbered by their list (`<ol start="5">`), or paragraphs numbered "1." /
//!   "[1]". See [`ref_list`].
//! - Citations: `<sup>1,3-5</sup>`, links to an entry (`<a href="#ref3">`), at the line and
//!   column of their start tag; "[2]", "[4-6]" and "the 2015 study 2" in the text, at their
//!   first character. A "[3]" inside a citing `<sup>` or `<a>` is not counted again.
//!
//! Tokens and their byte spans come from `html5gum` (a WHATWG tokenizer); text positions are
//! taken from the source itself, so a character reference keeps its own column.

mod markers;
mod markup;
mod ref_list;
mod source_text;

use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};

use self::markers::{MarkupCitation, Target};
use self::ref_list::Entry;
use self::source_text::{Cursor, Decoder};
use super::furniture::{is_furniture_line, opens_furniture_block};
use super::references;
use super::text::{self, Block, Markers, TextFragment};
use crate::model::{Article, Position};

/// The level given to a reference list opened by a bold paragraph: any heading ends it.
const PARAGRAPH_HEADING_LEVEL: u8 = 7;
/// How much of the text before a `<sup>` is kept to tell an exponent from a citation.
const BEFORE_SUPERSCRIPT: usize = 24;

/// Write a superscript citation "1,3" as "[1,3]" in the text, each bracket at the column of
/// the tag character beside it: the sentence splitter then keeps "stroke.[1,3] Next" apart
/// as it does in plain text, and the sentence shows the editor where the citation stands.
fn bracket(fragments: &mut [TextFragment]) {
    if let Some(first) = fragments.first_mut() {
        first.text.insert(0, '[');
        first.column = first.column.saturating_sub(1).max(1);
    }
    if let Some(last) = fragments.last_mut() {
        last.text.push(']');
    }
}

/// Read an HTML article into `article`.
pub fn read(source: &str, article: &mut Article) {
    article.lines = source.lines().map(str::to_string).collect();
    let mut reader = Reader::new(source);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style and title content is text to the tokenizer, never markup.
    emitter.naively_switch_states(true);
    for Ok(token) in Tokenizer::new_with_emitter(source, emitter) {
        match token {
            Token::StartTag(tag) => reader.start(&tag),
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                reader.end(&name, tag.span.start, tag.span.end);
            }
            Token::String(text) => reader.text(
                &String::from_utf8_lossy(&text.value),
                text.span.start,
                text.span.end,
            ),
            _ => {}
        }
    }
    reader.finish(article);
}

/// What an open element does to the text inside it.
#[derive(Debug)]
enum Kind {
    Plain,
    Furniture,
    Title,
    Heading(u8),
    Superscript {
        start: Position,
        text: String,
        before: String,
        gap: Option<String>,
        /// A link inside or around it decides what it cites.
        link_decides: bool,
        /// The block's first fragment from inside the element.
        first_fragment: usize,
    },
    Link {
        start: Position,
        href: String,
        text: String,
        gap: Option<String>,
        first_fragment: usize,
    },
}

#[derive(Debug)]
struct Open {
    name: String,
    kind: Kind,
    /// For `ol` and `ul`: the number of the next item, and whether the list is ordered.
    list: Option<(u32, bool)>,
    /// The element holds a reference list by its class, id or role.
    opens_list: bool,
    /// The element is a list item that is a reference entry.
    is_entry: bool,
}

/// A block of text being read, with the citations its markup makes.
#[derive(Default)]
struct PendingBlock {
    section: Option<String>,
    fragments: Vec<TextFragment>,
    /// The decoded text so far (to judge furniture and exponents).
    text: String,
    markup: Vec<MarkupCitation>,
    /// The text since the block's last markup citation.
    since_markup: Option<String>,
}

/// The reference list being read: where it ends, and the entry open in it.
struct Zone {
    /// It ends when the stack is shallower than this (its container closed)...
    depth: usize,
    /// ... or at a heading of this level or higher.
    level: Option<u8>,
}

struct OpenEntry {
    entry: Entry,
    /// Opened by a list item (ends with it), not by loose text (ends at any block boundary).
    listed: bool,
    started: bool,
}

struct Reader<'a> {
    source: &'a str,
    cursor: Cursor<'a>,
    decoder: Decoder,
    stack: Vec<Open>,
    furniture_depth: usize,
    title_element: Option<String>,
    title: Option<String>,
    heading: Option<String>,
    section: Option<String>,
    /// Under a furniture heading ("Disclaimer") until the next heading.
    furniture_section: bool,
    block: Option<PendingBlock>,
    blocks: Vec<PendingBlock>,
    zone: Option<Zone>,
    entry: Option<OpenEntry>,
    /// Anchors met in the reference list before the entry they belong to opened.
    loose_anchors: Vec<String>,
    entries: Vec<Entry>,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str) -> Self {
        Reader {
            source,
            cursor: Cursor::new(source),
            decoder: Decoder::default(),
            stack: Vec::new(),
            furniture_depth: 0,
            title_element: None,
            title: None,
            heading: None,
            section: None,
            furniture_section: false,
            block: None,
            blocks: Vec::new(),
            zone: None,
            entry: None,
            loose_anchors: Vec::new(),
            entries: Vec::new(),
        }
    }

    fn start(&mut self, tag: &StartTag<usize>) {
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        for (closed, stop) in markup::implied_ends(&name) {
            self.close_implied(closed, stop, tag.span.start);
        }
        if markup::is_boundary(&name) {
            self.boundary();
        }
        if self.furniture_depth == 0 && self.zone.is_some() {
            self.anchors_of(tag, &name);
        }
        if markup::is_void(&name) || tag.self_closing {
            if name == "br" || name == "hr" {
                self.line_break(tag.span.start);
            }
            return;
        }
        let kind = self.kind_of(&name, tag);
        let list = matches!(name.as_str(), "ol" | "ul").then(|| {
            let start = markup::attribute(tag, "start").and_then(|s| s.trim().parse().ok());
            (start.unwrap_or(1), name == "ol")
        });
        let opens_list = self.furniture_depth == 0
            && !matches!(kind, Kind::Furniture)
            && self.zone.is_none()
            && markup::is_reference_list(tag);
        let is_entry = name == "li" && self.furniture_depth == 0 && self.zone.is_some();
        if matches!(kind, Kind::Furniture) {
            self.furniture_depth += 1;
        }
        if is_entry {
            self.open_entry(tag);
        }
        self.stack.push(Open {
            name,
            kind,
            list,
            opens_list,
            is_entry,
        });
        if opens_list {
            self.zone = Some(Zone {
                depth: self.stack.len(),
                level: None,
            });
        }
    }

    fn kind_of(&mut self, name: &str, tag: &StartTag<usize>) -> Kind {
        let open: Vec<&str> = self.stack.iter().map(|o| o.name.as_str()).collect();
        if name == "title" && self.title_element.is_none() && !open.contains(&"svg") {
            // The page title sits in `<head>`, which is otherwise furniture.
            return Kind::Title;
        }
        if self.furniture_depth > 0 {
            return Kind::Plain;
        }
        let open: Vec<&str> = self.stack.iter().map(|o| o.name.as_str()).collect();
        if markup::is_furniture(name, tag, &open) {
            return Kind::Furniture;
        }
        if let Some(level) = markup::heading_level(name) {
            if self
                .zone
                .as_ref()
                .is_some_and(|z| z.level.is_some_and(|l| level <= l))
            {
                self.end_zone();
            }
            self.heading = Some(String::new());
            return Kind::Heading(level);
        }
        match name {
            "sup" => Kind::Superscript {
                start: self.cursor.position(tag.span.start),
                text: String::new(),
                before: self.text_before(),
                gap: self.gap(),
                link_decides: self.inside_link(),
                first_fragment: self.fragment_count(),
            },
            "a" => match markup::attribute(tag, "href") {
                Some(href) if href.trim().starts_with('#') => {
                    for open in &mut self.stack {
                        if let Kind::Superscript { link_decides, .. } = &mut open.kind {
                            *link_decides = true;
                        }
                    }
                    Kind::Link {
                        start: self.cursor.position(tag.span.start),
                        href,
                        text: String::new(),
                        gap: self.gap(),
                        first_fragment: self.fragment_count(),
                    }
                }
                _ => Kind::Plain,
            },
            _ => Kind::Plain,
        }
    }

    fn end(&mut self, name: &str, start: usize, end: usize) {
        let Some(index) = self.stack.iter().rposition(|o| o.name == name) else {
            return;
        };
        while self.stack.len() > index + 1 {
            self.pop(start);
        }
        self.pop(end);
    }

    /// Close the innermost open element named in `closed`, unless one named in `stop` is
    /// nearer.
    fn close_implied(&mut self, closed: &[&str], stop: &[&str], at: usize) {
        let found = self
            .stack
            .iter()
            .rev()
            .take_while(|o| !stop.contains(&o.name.as_str()))
            .position(|o| closed.contains(&o.name.as_str()));
        if let Some(from_top) = found {
            for _ in 0..=from_top {
                self.pop(at);
            }
        }
    }

    /// Pop the innermost element, which ends at byte `end`.
    fn pop(&mut self, end: usize) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        if markup::is_boundary(&open.name) {
            self.boundary();
        }
        match open.kind {
            Kind::Furniture => self.furniture_depth = self.furniture_depth.saturating_sub(1),
            Kind::Heading(level) => self.heading_done(level),
            Kind::Superscript {
                start,
                text,
                before,
                gap,
                link_decides,
                first_fragment,
            } => {
                if !link_decides {
                    if let Some(numbers) = markers::superscript(&text, &before) {
                        let cited = (start, end, first_fragment);
                        self.markup_citation(cited, text, Target::Numbers(numbers), gap);
                    }
                }
            }
            Kind::Link {
                start,
                href,
                text,
                gap,
                first_fragment,
            } => {
                if let Some(target) = markers::link(&href, &text) {
                    self.markup_citation((start, end, first_fragment), text, target, gap);
                }
            }
            Kind::Plain | Kind::Title => {}
        }
        if open.is_entry {
            self.close_entry();
        }
        let zone_closed = self
            .zone
            .as_ref()
            .is_some_and(|z| open.opens_list || self.stack.len() < z.depth);
        if zone_closed {
            self.end_zone();
        }
    }

    fn text(&mut self, text: &str, start: usize, end: usize) {
        if let Some(Open {
            kind: Kind::Title, ..
        }) = self.stack.last()
        {
            self.title_element
                .get_or_insert_with(String::new)
                .push_str(text);
            return;
        }
        if self.furniture_depth > 0 {
            return;
        }
        if let Some(heading) = self.heading.as_mut() {
            heading.push_str(text);
            return;
        }
        for open in &mut self.stack {
            if let Kind::Superscript { text: t, .. } | Kind::Link { text: t, .. } = &mut open.kind {
                t.push_str(text);
            }
        }
        if self.zone.is_some() {
            self.entry_text(text, start, end);
            return;
        }
        if self.furniture_section {
            return;
        }
        let fragments = self
            .decoder
            .fragments(self.source, start, end, &mut self.cursor);
        if fragments.is_empty() || (self.block.is_none() && text.trim().is_empty()) {
            return;
        }
        let section = self.section.clone();
        let block = self.block.get_or_insert_with(|| PendingBlock {
            section,
            ..PendingBlock::default()
        });
        block.fragments.extend(fragments);
        block.text.push_str(text);
        if let Some(since) = block.since_markup.as_mut() {
            since.push_str(text);
        }
    }

    /// `<br>` inside a block or entry: a space between the words on either side.
    fn line_break(&mut self, at: usize) {
        if let Some(entry) = self.entry.as_mut() {
            entry.entry.text.push(' ');
        } else if let Some(block) = self.block.as_mut() {
            let position = self.cursor.position(at);
            block.fragments.push(TextFragment {
                line: position.line,
                column: position.column,
                text: " ".into(),
            });
            block.text.push(' ');
        }
    }

    /// A block-level element starts or ends: the open block (or loose entry) is complete.
    fn boundary(&mut self) {
        if let Some(entry) = self.entry.as_mut() {
            if entry.listed {
                entry.entry.text.push(' ');
            } else {
                self.close_entry();
            }
        }
        let Some(block) = self.block.take() else {
            return;
        };
        let text = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if references::is_heading(&text) && block.markup.is_empty() {
            // A bold paragraph "References" standing in for a heading.
            self.start_zone(Some(PARAGRAPH_HEADING_LEVEL));
        } else if opens_furniture_block(&text) {
            self.furniture_section = true;
        } else if !is_furniture_line(&text) && !text.is_empty() {
            self.blocks.push(block);
        }
    }

    fn heading_done(&mut self, level: u8) {
        let text = self.heading.take().unwrap_or_default();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if references::is_heading(&text) {
            if self.zone.is_none() {
                self.start_zone(Some(level));
            }
            return;
        }
        if self.zone.is_some() || text.is_empty() {
            return;
        }
        if level == 1 && self.title.is_none() {
            self.title = Some(text);
            return;
        }
        self.furniture_section = opens_furniture_block(&text) || is_furniture_line(&text);
        self.section = Some(text);
    }

    fn start_zone(&mut self, level: Option<u8>) {
        let depth = self
            .stack
            .iter()
            .rposition(|o| markup::is_container(&o.name))
            .map_or(0, |i| i + 1);
        self.zone = Some(Zone { depth, level });
        self.furniture_section = false;
    }

    fn end_zone(&mut self) {
        self.close_entry();
        self.zone = None;
        self.loose_anchors.clear();
    }

    fn open_entry(&mut self, tag: &StartTag<usize>) {
        self.close_entry();
        let value = markup::attribute(tag, "value").and_then(|v| v.trim().parse::<u32>().ok());
        let mut list_number = None;
        if let Some((next, ordered)) = self.stack.iter_mut().rev().find_map(|o| o.list.as_mut()) {
            let number = value.unwrap_or(*next);
            *next = number.saturating_add(1);
            list_number = ordered.then_some(number);
        }
        let mut anchors = std::mem::take(&mut self.loose_anchors);
        anchors.extend(markup::attribute(tag, "id"));
        self.entry = Some(OpenEntry {
            entry: Entry {
                list_number,
                anchors,
                ..Entry::default()
            },
            listed: true,
            started: false,
        });
    }

    fn entry_text(&mut self, text: &str, start: usize, end: usize) {
        if self.entry.is_none() {
            if text.trim().is_empty() {
                return;
            }
            self.entry = Some(OpenEntry {
                entry: Entry {
                    anchors: std::mem::take(&mut self.loose_anchors),
                    ..Entry::default()
                },
                listed: false,
                started: false,
            });
        }
        let first_visible = self
            .source
            .get(start..end)
            .map(|raw| start + raw.len() - raw.trim_start().len());
        let Some(open) = self.entry.as_mut() else {
            return;
        };
        if !open.started && !text.trim().is_empty() {
            if let Some(offset) = first_visible {
                open.entry.position = self.cursor.position(offset);
                open.started = true;
            }
        }
        open.entry.text.push_str(text);
    }

    fn close_entry(&mut self) {
        if let Some(open) = self.entry.take() {
            if !open.entry.text.trim().is_empty() {
                self.entries.push(open.entry);
            }
        }
    }

    /// Anchor ids on an element of the reference list belong to the entry they are in.
    fn anchors_of(&mut self, tag: &StartTag<usize>, name: &str) {
        if name == "li" {
            return;
        }
        let ids = markup::attribute(tag, "id").into_iter().chain(
            (name == "a")
                .then(|| markup::attribute(tag, "name"))
                .flatten(),
        );
        match self.entry.as_mut() {
            Some(open) => open.entry.anchors.extend(ids),
            None => self.loose_anchors.extend(ids),
        }
    }

    /// Record a citation made by an element (its start, the byte its end tag ends at, its
    /// first fragment).
    fn markup_citation(
        &mut self,
        (start, end, first_fragment): (Position, usize, usize),
        marker: String,
        target: Target,
        gap: Option<String>,
    ) {
        if self.zone.is_some() || self.furniture_section || self.heading.is_some() {
            return;
        }
        let end = self.cursor.position(end);
        let Some(block) = self.block.as_mut() else {
            return;
        };
        if markers::is_bare_number(&marker) {
            bracket(
                block
                    .fragments
                    .get_mut(first_fragment..)
                    .unwrap_or_default(),
            );
        }
        block.markup.push(MarkupCitation {
            marker: marker.split_whitespace().collect::<Vec<_>>().join(" "),
            start,
            end,
            target,
            gap,
        });
        block.since_markup = Some(String::new());
    }

    fn fragment_count(&self) -> usize {
        self.block.as_ref().map_or(0, |b| b.fragments.len())
    }

    fn text_before(&self) -> String {
        let text = self.block.as_ref().map_or("", |b| b.text.as_str());
        let skip = text.chars().count().saturating_sub(BEFORE_SUPERSCRIPT);
        text.chars().skip(skip).collect()
    }

    fn gap(&self) -> Option<String> {
        self.block.as_ref().and_then(|b| b.since_markup.clone())
    }

    fn inside_link(&self) -> bool {
        self.stack
            .iter()
            .any(|o| matches!(o.kind, Kind::Link { .. }))
    }

    fn finish(mut self, article: &mut Article) {
        let end = self.source.len();
        while !self.stack.is_empty() {
            self.pop(end);
        }
        self.boundary();
        self.end_zone();
        article.title = self.title.or_else(|| {
            self.title_element
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
        });
        let list = ref_list::parse(self.entries);
        article.references = list.references;
        article.problems.extend(list.problems);
        let mut spans = Vec::new();
        let blocks: Vec<Block> = self
            .blocks
            .into_iter()
            .map(|pending| {
                let citations = markers::resolve(pending.markup.clone(), &list.anchors);
                spans.extend(
                    pending
                        .markup
                        .iter()
                        .filter(|m| citations.iter().any(|c| c.position == m.start))
                        .map(|m| (m.start, m.end)),
                );
                Block {
                    section: pending.section,
                    fragments: pending.fragments,
                    citations,
                }
            })
            .collect();
        text::add_blocks(article, blocks, Markers::default());
        markers::drop_echoes(article, &spans);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_article(html: &str) -> Article {
        let mut article = Article::default();
        read(html, &mut article);
        article
    }

    /// (key, line, column) of every citation.
    fn cited(a: &Article) -> Vec<(String, usize, usize)> {
        a.citations
            .iter()
            .map(|c| (c.key.clone(), c.position.line, c.position.column))
            .collect()
    }

    fn keys(a: &Article) -> Vec<&str> {
        a.references.iter().map(|r| r.key.as_str()).collect()
    }

    const WIKI: &str = "<html><head><title>Pain - Wiki</title></head><body>\n\
<h1>Central pain</h1><p>Gabapentin helps.<sup class=reference><a href=\"#cite_note-2\">[2]</a></sup> See <a href=\"#cite_note-1\">1</a>\u{2013}<a href=\"#cite_note-3\">3</a>.</p>\n\
<table><tr><td>Dose 300&nbsp;mg [1]<td>Other</table>\n\
<h2>Notes</h2><div class=reflist><ol class=references>\n\
<li id=cite_note-1><span class=mw-cite-backlink><a href=\"#cite_ref-1\">^</a></span> Smith A. Gabapentin in pain. Pain. 2015;3:1-9.</li>\n\
<li id=cite_note-2>^ Lee B. Pregabalin. BMJ. 2019;2:4.\n\
<li id=cite_note-3>^ Roe C. Opioids. JAMA. 2020;1:1.\n\
</ol></div></body></html>";

    #[test]
    fn links_resolve_through_the_entry_anchors() {
        let a = read_article(WIKI);
        assert_eq!(a.title.as_deref(), Some("Central pain"));
        assert_eq!(keys(&a), ["1", "2", "3"]);
        assert_eq!(a.references[0].authors[0].family, "Smith");
        assert_eq!(a.references[0].position, Position::new(5, 84));
        assert_eq!(
            cited(&a),
            [
                ("2".into(), 2, 63),
                ("1".into(), 2, 104),
                ("2".into(), 2, 133),
                ("3".into(), 2, 133),
                ("1".into(), 3, 33),
            ]
        );
        // The table cell is a block of its own; the entity keeps its column.
        let cell = a
            .sentences
            .iter()
            .find(|s| s.text.starts_with("Dose"))
            .unwrap();
        assert_eq!(cell.text, "Dose 300 mg [1]");
        assert_eq!(cell.position_of(9), Position::new(3, 30));
    }

    #[test]
    fn numbered_paragraphs_after_a_bold_references_line() {
        let a = read_article(
            "<p>Statins help [5].<p><b>References:</b>\n<div><p id=r5>5. Smith A. Statins. Lancet. 2019;1:2.</p>\n<p>[6] Lee B. Aspirin. BMJ. 2001;2:4.</p></div>",
        );
        assert_eq!(keys(&a), ["5", "6"]);
        assert_eq!(a.references[1].position, Position::new(3, 4));
        assert_eq!(a.sentences.len(), 1);
        assert_eq!(cited(&a), [("5".into(), 1, 17)]);
    }

    #[test]
    fn ordered_lists_number_from_their_start() {
        let a = read_article(
            "<h2>Bibliography</h2><ol start=\"5\"><li>Smith A. Statins. Lancet. 2019;1:2.<li value=9>Lee B. Aspirin. BMJ. 2001;2:4.<li>Doe C. Gabapentin. Pain. 2015;3:1.</ol><h2>Next</h2><p>Text [10].",
        );
        assert_eq!(keys(&a), ["5", "9", "10"]);
        assert_eq!(a.sentences[0].section.as_deref(), Some("Next"));
        assert_eq!(a.citations.len(), 1);
    }

    #[test]
    fn furniture_never_speaks() {
        let a = read_article(
            "<body><nav>Home [1]</nav><div role=navigation>[2]</div><aside>[3]</aside>\
<p style=\"display:none\">[4]</p><div class=cookie-banner>[5]</div><script>x=\"[6]\"</script>\
<form><label>[7]</label></form><p>Personalize</p><h2>Disclaimer</h2><p>Not advice [8].</p>\
<h2>Treatment</h2><p>Opioids help [9].</p><footer>[10]</footer></body>",
        );
        assert_eq!(a.sentences.len(), 1, "{:?}", a.sentences);
        assert_eq!(cited(&a), [("9".into(), 1, 287)]);
        assert_eq!(a.sentences[0].section.as_deref(), Some("Treatment"));
    }

    #[test]
    fn exponents_and_note_signs_are_not_citations() {
        let a = read_article("<p>BMI 25 kg/m<sup>2</sup>, 10<sup>9</sup>/L, 1<sup>st</sup> line<sup>*</sup>, in 2019<sup>4</sup>.");
        assert_eq!(cited(&a), [("4".into(), 1, 87)]);
        assert!(a.sentences[0].text.ends_with("2019[4]."));
    }

    #[test]
    fn unclosed_paragraphs_and_line_breaks() {
        let a = read_article("<p>One<br>two.\n<p>Three\n    four.<p>Five<div>Six.</div>");
        let text: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, ["One two.", "Three four.", "Five", "Six."]);
        assert_eq!(a.sentences[1].position_of(6), Position::new(3, 5));
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<sup>".to_string()),
            Just("</sup>".to_string()),
            Just("<a href=#ref1>".to_string()),
            Just("</a>".to_string()),
            Just("<h2>References</h2>".to_string()),
            Just("<ol start=x><li id=ref1>".to_string()),
            Just("</li></ol>".to_string()),
            Just("<nav>".to_string()),
            Just("</div>".to_string()),
            Just("<br/>".to_string()),
            Just("&nbsp;&#x2013;&bogus;&".to_string()),
            Just("[1-3]. 1, 4 ".to_string()),
            Just("\r\n".to_string()),
            "\\PC{0,12}",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn no_input_makes_the_reader_panic(pieces in proptest::collection::vec(piece(), 0..40)) {
            let article = read_article(&pieces.concat());
            for c in &article.citations {
                prop_assert!(c.sentence < article.sentences.len());
            }
        }
    }
}

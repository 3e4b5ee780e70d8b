//! The paragraphs of a WordprocessingML part, in order, each with its text, its style, its list
//! numbering, the superscript stretches of its text and the footnote and endnote marks in it.
//!
//! Text is what Word shows: `w:t` runs, tabs and breaks as spaces, non-breaking hyphens;
//! deleted text, field codes, math and the fallback copy of drawings are not text.

use crate::input::xml_tree::{Element, Node};

/// Elements whose content is not paragraph text.
const SKIP: &[&str] = &[
    "oMath",
    "oMathPara",
    "Fallback",
    "instrText",
    "delText",
    "pPr",
    "footnoteRef",
    "endnoteRef",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    Footnote,
    Endnote,
}

/// A footnote or endnote reference mark: before the character at `offset`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteMark {
    pub offset: usize,
    pub kind: NoteKind,
    pub id: String,
}

#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    /// 1-based, counting every paragraph of the part in document order.
    pub number: usize,
    pub style: Option<String>,
    /// List numbering: (numId, level).
    pub numbering: Option<(String, usize)>,
    /// Outline level set on the paragraph itself (0 = a top heading).
    pub outline: Option<usize>,
    pub text: Vec<char>,
    /// Superscript stretches of `text`, as character ranges.
    pub superscripts: Vec<std::ops::Range<usize>>,
    pub notes: Vec<NoteMark>,
}

impl Paragraph {
    pub fn text(&self) -> String {
        self.text.iter().collect()
    }
}

/// Every `w:p` under `root`, numbered in document order (a paragraph in a text box comes
/// after the paragraph holding the box). `superscript_style` says whether a character style
/// raises its text.
pub fn collect(root: &Element, superscript_style: &dyn Fn(&str) -> bool) -> Vec<Paragraph> {
    let mut walker = Walker {
        out: Vec::new(),
        superscript_style,
    };
    walker.walk(root);
    walker.out
}

struct Walker<'a> {
    out: Vec<Paragraph>,
    superscript_style: &'a dyn Fn(&str) -> bool,
}

impl Walker<'_> {
    fn walk(&mut self, element: &Element) {
        if SKIP.contains(&element.name.as_str()) {
            return;
        }
        if element.name == "p" {
            self.paragraph(element);
            return;
        }
        for child in element.elements() {
            self.walk(child);
        }
    }

    /// Read the paragraph `element`, then the paragraphs of its text boxes.
    fn paragraph(&mut self, element: &Element) {
        let properties = element.child("pPr");
        let value = |path: &[&str]| {
            properties
                .and_then(|p| p.at(path))
                .and_then(|e| e.attribute("val"))
                .map(str::to_string)
        };
        let mut paragraph = Paragraph {
            style: value(&["pStyle"]),
            numbering: value(&["numPr", "numId"]).map(|id| {
                (
                    id,
                    value(&["numPr", "ilvl"])
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(0),
                )
            }),
            outline: value(&["outlineLvl"]).and_then(|l| l.parse().ok()),
            ..Paragraph::default()
        };
        let mut nested = Vec::new();
        self.content(element, &mut paragraph, false, &mut nested);
        paragraph.number = self.out.len() + 1;
        self.out.push(paragraph);
        for inner in nested {
            self.paragraph(inner);
        }
    }

    /// Walk inside a paragraph; `raised` is true inside a superscript run. Paragraphs nested
    /// in text boxes are set aside to be read after this one.
    fn content<'e>(
        &mut self,
        element: &'e Element,
        paragraph: &mut Paragraph,
        raised: bool,
        nested: &mut Vec<&'e Element>,
    ) {
        for child in element.elements() {
            let name = child.name.as_str();
            if SKIP.contains(&name) {
                continue;
            }
            match name {
                "p" => nested.push(child),
                "r" => {
                    let raised = self.is_superscript(child);
                    self.content(child, paragraph, raised, nested);
                }
                "t" => push_text(paragraph, &text_of(child), raised),
                "tab" | "br" | "cr" => push_text(paragraph, " ", false),
                "noBreakHyphen" => push_text(paragraph, "-", raised),
                "footnoteReference" | "endnoteReference" => {
                    paragraph.notes.push(NoteMark {
                        offset: paragraph.text.len(),
                        kind: if name == "footnoteReference" {
                            NoteKind::Footnote
                        } else {
                            NoteKind::Endnote
                        },
                        id: child.attribute("id").unwrap_or_default().to_string(),
                    });
                }
                "rPr" => {}
                _ => self.content(child, paragraph, raised, nested),
            }
        }
    }

    fn is_superscript(&self, run: &Element) -> bool {
        let Some(properties) = run.child("rPr") else {
            return false;
        };
        if let Some(align) = properties
            .child("vertAlign")
            .and_then(|v| v.attribute("val"))
        {
            return align == "superscript";
        }
        properties
            .child("rStyle")
            .and_then(|s| s.attribute("val"))
            .is_some_and(|style| (self.superscript_style)(style))
    }
}

fn text_of(element: &Element) -> String {
    element
        .children
        .iter()
        .filter_map(|node| match node {
            Node::Text { text, .. } => Some(text.as_str()),
            Node::Element(_) => None,
        })
        .collect()
}

fn push_text(paragraph: &mut Paragraph, text: &str, raised: bool) {
    let start = paragraph.text.len();
    paragraph.text.extend(
        text.chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c }),
    );
    let end = paragraph.text.len();
    if !raised || start == end {
        return;
    }
    match paragraph.superscripts.last_mut() {
        Some(last) if last.end == start => last.end = end,
        _ => paragraph.superscripts.push(start..end),
    }
}

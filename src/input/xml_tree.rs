//! A whole XML document as a small tree whose every element and text run keeps its byte offset
//! in the source, so that readers of document formats (JATS) can look fields up by path and still
//! point a finding at the line and column of the markup.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// An element with its attributes and children in document order.
#[derive(Debug, Default, Clone)]
pub struct Element {
    /// Local name, without a namespace prefix (`mml:math` is `math`).
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// Byte offset of the `<` that opens the element.
    pub start: usize,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    /// Text with entities resolved, and the byte offset where it starts in the source.
    Text {
        text: String,
        start: usize,
    },
}

/// Why the document could not be read: the byte offset and the cause.
#[derive(Debug, PartialEq, Eq)]
pub struct XmlError {
    pub offset: usize,
    pub message: String,
}

/// Parse `text` into its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    let mut open: Vec<Element> = vec![Element::default()];
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| XmlError {
            offset: usize::try_from(reader.error_position()).unwrap_or(before),
            message: format!("malformed XML: {e}"),
        })?;
        match event {
            Event::Eof => break,
            Event::Start(tag) => open.push(element(&tag, before)),
            Event::Empty(tag) => attach(&mut open, Node::Element(element(&tag, before))),
            Event::End(_) if open.len() > 1 => {
                if let Some(done) = open.pop() {
                    attach(&mut open, Node::Element(done));
                }
            }
            Event::Text(raw) => {
                let text = raw
                    .xml10_content()
                    .map(|content| content.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&raw).into_owned());
                attach(
                    &mut open,
                    Node::Text {
                        text,
                        start: before,
                    },
                );
            }
            Event::CData(data) => {
                let text = String::from_utf8_lossy(&data).into_owned();
                attach(
                    &mut open,
                    Node::Text {
                        text,
                        start: before,
                    },
                );
            }
            Event::GeneralRef(reference) => {
                let text = resolve(&reference);
                attach(
                    &mut open,
                    Node::Text {
                        text,
                        start: before,
                    },
                );
            }
            _ => {}
        }
    }
    if open.len() > 1 {
        let unclosed = open.last().map_or_else(String::new, |e| e.name.clone());
        return Err(XmlError {
            offset: text.len(),
            message: format!(
                "truncated XML: <{unclosed}> is not closed before the end of the file"
            ),
        });
    }
    let document = open.pop().unwrap_or_default();
    document
        .children
        .into_iter()
        .find_map(|node| match node {
            Node::Element(root) => Some(root),
            Node::Text { .. } => None,
        })
        .ok_or(XmlError {
            offset: 0,
            message: "no XML element in the file".into(),
        })
}

fn element(tag: &BytesStart<'_>, start: usize) -> Element {
    let name = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
    let attributes = tag
        .attributes()
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (key, value)
        })
        .collect();
    Element {
        name,
        attributes,
        children: Vec::new(),
        start,
    }
}

fn attach(open: &mut [Element], node: Node) {
    if let Some(parent) = open.last_mut() {
        parent.children.push(node);
    }
}

/// The text a character or entity reference stands for; an unknown entity stays as written.
fn resolve(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return character.to_string();
    }
    let name = String::from_utf8_lossy(reference);
    resolve_predefined_entity(&name).map_or_else(|| format!("&{name};"), str::to_string)
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(e) => Some(e),
            Node::Text { .. } => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element named `name` at any depth below this one (depth first).
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find_map(|e| {
            if e.name == name {
                Some(e)
            } else {
                e.find(name)
            }
        })
    }

    /// Every element named `name` at any depth, in document order, not looking inside matches.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else {
                e.find_all(name, out);
            }
        }
    }

    /// The element at a path of child names, e.g. `["front", "article-meta"]`.
    pub fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter()
            .try_fold(self, |element, name| element.child(name))
    }

    /// All text below this element, whitespace folded.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text { text, .. } => out.push_str(text),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_and_offsets() {
        let xml = "<?xml version=\"1.0\"?>\n<a x=\"1&amp;2\"><b>one &#x2013; two</b>\n<mml:math>m</mml:math></a>";
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attribute("x"), Some("1&2"));
        let b = root.child("b").unwrap();
        assert_eq!(b.text(), "one \u{2013} two");
        assert_eq!(&xml[b.start..b.start + 3], "<b>");
        assert!(root.child("math").is_some());
    }

    #[test]
    fn errors_have_offsets() {
        let err = parse("<a>\n<b></a>").unwrap_err();
        assert!(err.message.contains("malformed"), "{}", err.message);
        assert!(parse("<a><b>").unwrap_err().message.contains("not closed"));
        assert!(parse("   ").is_err());
    }
}

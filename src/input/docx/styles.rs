//! What `styles.xml` and `numbering.xml` say about paragraphs: which styles are headings (by
//! outline level or by their built-in names "heading 1".."heading 9" and "Title"), which
//! character styles are superscript, and the number a list paragraph shows.

use std::collections::HashMap;

use crate::input::xml_tree::Element;

/// How far `basedOn` chains are followed.
const MAX_INHERITANCE: usize = 16;

#[derive(Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    superscript: Option<bool>,
    outline: Option<usize>,
}

/// The document's styles, by style id.
#[derive(Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

/// What kind of paragraph a style makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    /// Subtitle and the like: not text.
    Furniture,
    /// A heading of outline level 0..8.
    Heading(usize),
    Text,
}

impl Styles {
    pub fn read(root: Option<&Element>) -> Self {
        let mut styles = Styles::default();
        for element in root.into_iter().flat_map(Element::elements) {
            let Some(id) = element
                .attribute("styleId")
                .filter(|_| element.name == "style")
            else {
                continue;
            };
            let value = |path: &[&str]| element.at(path).and_then(|e| e.attribute("val"));
            styles.by_id.insert(
                id.to_string(),
                Style {
                    name: value(&["name"]).unwrap_or(id).to_ascii_lowercase(),
                    based_on: value(&["basedOn"]).map(str::to_string),
                    superscript: value(&["rPr", "vertAlign"]).map(|v| v == "superscript"),
                    outline: value(&["pPr", "outlineLvl"]).and_then(|l| l.parse().ok()),
                },
            );
        }
        styles
    }

    /// The style `id` and those it is based on, nearest first.
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, Option<&'a Style>)> {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.by_id.get(id);
            next = style.and_then(|s| s.based_on.as_deref());
            Some((id, style))
        })
        .take(MAX_INHERITANCE)
    }

    pub fn role(&self, id: Option<&str>, outline: Option<usize>) -> Role {
        if let Some(level) = outline.filter(|l| *l < 9) {
            return Role::Heading(level);
        }
        let Some(id) = id else { return Role::Text };
        for (id, style) in self.chain(id) {
            let name = style.map_or_else(|| id.to_ascii_lowercase(), |s| s.name.clone());
            let compact = name.replace(' ', "");
            if compact == "title" {
                return Role::Title;
            }
            if compact == "subtitle" {
                return Role::Furniture;
            }
            if let Some(level) = compact
                .strip_prefix("heading")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=9).contains(n))
            {
                return Role::Heading(level - 1);
            }
            if let Some(level) = style.and_then(|s| s.outline).filter(|l| *l < 9) {
                return Role::Heading(level);
            }
        }
        Role::Text
    }

    /// True when the character style `id` (or one it is based on) raises its text.
    pub fn is_superscript(&self, id: &str) -> bool {
        self.chain(id)
            .find_map(|(_, style)| style.and_then(|s| s.superscript))
            .unwrap_or(false)
    }
}

/// List definitions: numId -> abstract list, and each level's start and number format.
#[derive(Default)]
pub struct Numbering {
    abstract_of: HashMap<String, String>,
    levels: HashMap<(String, usize), (usize, bool)>,
    /// Current counters per numId, one per level.
    counters: HashMap<String, Vec<Option<usize>>>,
}

impl Numbering {
    pub fn read(root: Option<&Element>) -> Self {
        let mut numbering = Numbering::default();
        for element in root.into_iter().flat_map(Element::elements) {
            match element.name.as_str() {
                "num" => {
                    if let (Some(id), Some(abstract_id)) = (
                        element.attribute("numId"),
                        element
                            .child("abstractNumId")
                            .and_then(|a| a.attribute("val")),
                    ) {
                        numbering
                            .abstract_of
                            .insert(id.to_string(), abstract_id.to_string());
                    }
                }
                "abstractNum" => {
                    let Some(abstract_id) = element.attribute("abstractNumId") else {
                        continue;
                    };
                    for level in element.elements().filter(|e| e.name == "lvl") {
                        let ilvl = level.attribute("ilvl").and_then(|l| l.parse().ok());
                        let value = |name: &str| level.child(name).and_then(|e| e.attribute("val"));
                        let start = value("start").and_then(|s| s.parse().ok()).unwrap_or(1);
                        let counted = value("numFmt").is_none_or(|f| f != "bullet" && f != "none");
                        if let Some(ilvl) = ilvl {
                            numbering
                                .levels
                                .insert((abstract_id.to_string(), ilvl), (start, counted));
                        }
                    }
                }
                _ => {}
            }
        }
        numbering
    }

    /// Count a paragraph of list `num_id` at `level`; the number it shows, if it shows one.
    pub fn next(&mut self, num_id: &str, level: usize) -> Option<usize> {
        let level = level.min(8);
        let (start, counted) = self
            .abstract_of
            .get(num_id)
            .and_then(|a| self.levels.get(&(a.clone(), level)))
            .copied()
            .unwrap_or((1, num_id != "0"));
        if num_id == "0" {
            return None;
        }
        let counters = self
            .counters
            .entry(num_id.to_string())
            .or_insert_with(|| vec![None; 9]);
        let value = counters[level].map_or(start, |n| n + 1);
        counters[level] = Some(value);
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        counted.then_some(value)
    }
}

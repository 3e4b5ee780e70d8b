//! BibTeX and BibLaTeX bibliographies (`.bib`): every entry becomes a [`Reference`].
//!
//! The reader follows BibTeX's own grammar: text outside entries is a comment; `@string`
//! macros (defined anywhere in the file), `#` concatenation and the month macros `jan`..`dec`
//! are resolved; `@comment` and `@preamble` are skipped; `crossref` children inherit the fields
//! they lack from their parent. Field values are decoded from LaTeX ([`latex`]). BibLaTeX's
//! `journaltitle`, `date`, `eprint`/`eprinttype` and `pubstate` are read beside BibTeX's
//! `journal`, `year` and `month`. [`syntax`] reads the blocks, [`names`] the author lists and
//! [`latex`] the markup; this file maps fields onto the model.
//!
//! The parser is written here rather than taken from the `biblatex` crate because that crate
//! parses a file as a whole: one unbalanced brace or one undefined macro fails the file. Here a
//! broken entry becomes an `Unreadable` problem at its line and reading resumes at the next `@`
//! that starts a line, so nothing after it is lost; an undefined macro is kept as its name.

pub(crate) mod latex;
mod names;
mod syntax;

use std::collections::HashMap;

use crate::input::fields::{self, LineIndex};
use crate::input::Parsed;
use crate::model::Reference;
use names::parse_names;
use syntax::{resolve_pieces, RawEntry, Scanner};

/// Read a decoded `.bib` file.
pub fn parse(text: &str) -> Parsed {
    let text = fields::strip_bom(text);
    let lines = LineIndex::new(text);
    let scan = Scanner::new(text, &lines).scan();
    let mut entries: Vec<Entry> = scan
        .entries
        .iter()
        .map(|raw| Entry::resolve(raw, &scan.strings))
        .collect();
    inherit_crossrefs(&mut entries);

    let mut parsed = Parsed::default();
    for (raw, entry) in scan.entries.iter().zip(&entries) {
        let key = if raw.key.is_empty() {
            (parsed.references.len() + 1).to_string()
        } else {
            raw.key.clone()
        };
        let mut reference = entry.reference(key);
        reference.position = lines.position(raw.start);
        reference.raw = fields::fold(text.get(raw.start..raw.end).unwrap_or_default());
        // A biblatex `@set` only groups other entries: it has no title or year of its own.
        if raw.kind != "set" {
            let unparsed = fields::unparsed(&reference, || {
                format!(
                    "BibTeX entry `{}` yields neither a title nor a year",
                    reference.key
                )
            });
            parsed.problems.extend(unparsed);
        }
        parsed.references.push(reference);
    }
    parsed
        .problems
        .extend(scan.faults.iter().map(|fault| fault.problem(&lines)));
    parsed.problems.sort_by_key(|problem| problem.position);
    parsed
}

/// An entry with its values resolved to raw TeX strings.
struct Entry {
    kind: String,
    key: String,
    fields: HashMap<String, String>,
}

impl Entry {
    fn resolve(raw: &RawEntry, strings: &HashMap<String, String>) -> Self {
        let mut fields = HashMap::new();
        for (name, pieces) in &raw.fields {
            // BibTeX uses the first of two fields with one name.
            fields
                .entry(name.clone())
                .or_insert_with(|| resolve_pieces(pieces, strings));
        }
        Entry {
            kind: raw.kind.clone(),
            key: raw.key.clone(),
            fields,
        }
    }

    /// A field decoded from LaTeX; `None` when absent or empty.
    fn text(&self, name: &str) -> Option<String> {
        self.fields
            .get(name)
            .map(|raw| latex::decode(raw))
            .filter(|text| !text.is_empty())
    }

    /// An identifier field (DOI, URL, eprint) without typography.
    fn identifier(&self, name: &str) -> Option<String> {
        self.fields
            .get(name)
            .map(|raw| latex::verbatim(raw))
            .filter(|text| !text.is_empty())
    }

    fn reference(&self, key: String) -> Reference {
        let (year, month, day) = self.date();
        let (pmid, pmcid) = self.pubmed_ids();
        Reference {
            key,
            authors: self
                .fields
                .get("author")
                .or_else(|| self.fields.get("editor"))
                .map_or_else(Vec::new, |names| parse_names(names)),
            title: self.title(),
            container: self
                .text("journaltitle")
                .or_else(|| self.text("journal"))
                .or_else(|| self.text("booktitle")),
            year,
            month,
            day,
            volume: self.text("volume"),
            issue: self.text("number").or_else(|| self.text("issue")),
            pages: self
                .text("pages")
                .map(|pages| pages.replace(['–', '—'], "-")),
            doi: self.doi(),
            pmid,
            pmcid,
            url: self.url(),
            entry_type: Some(self.kind.clone()),
            keywords: self
                .text("keywords")
                .map_or_else(Vec::new, |k| split_keywords(&k)),
            publication_types: ["type", "pubstate"]
                .iter()
                .filter_map(|name| self.text(name))
                .collect(),
            abstract_text: self.text("abstract"),
            ..Reference::default()
        }
    }

    fn title(&self) -> Option<String> {
        let title = self.text("title")?;
        let title = match self.text("subtitle") {
            Some(subtitle) => format!("{title}: {subtitle}"),
            None => title,
        };
        fields::clean_title(&title)
    }

    /// BibLaTeX `date` first, then BibTeX `year`/`month`/`day`.
    fn date(&self) -> (Option<i32>, Option<u8>, Option<u8>) {
        let date = self.text("date");
        if let Some(parsed) = date.as_deref().and_then(parse_iso_date) {
            return parsed;
        }
        let year = self
            .text("year")
            .as_deref()
            .and_then(fields::year_in)
            .or_else(|| date.as_deref().and_then(fields::year_in));
        // A number may open a range ("4–5"), which `fields::month` alone would not read.
        let month = self
            .text("month")
            .and_then(|month| number_in(&month, 1, 12).or_else(|| fields::month(&month)));
        let day = self
            .text("day")
            .as_deref()
            .and_then(|d| number_in(d, 1, 31));
        (year, month, day)
    }

    fn doi(&self) -> Option<String> {
        let from_url = || {
            self.identifier("url")
                .and_then(|url| fields::doi_from_url(&url))
        };
        let eprint = || self.eprint_of(&["doi"]).and_then(|doi| fields::doi(&doi));
        self.identifier("doi")
            .and_then(|doi| fields::doi(&doi))
            .or_else(from_url)
            .or_else(eprint)
    }

    fn pubmed_ids(&self) -> (Option<String>, Option<String>) {
        let pmid = self
            .identifier("pmid")
            .or_else(|| self.eprint_of(&["pubmed", "pmid"]))
            .and_then(|id| fields::pmid(&id));
        let pmcid = self
            .identifier("pmcid")
            .or_else(|| self.eprint_of(&["pmc", "pmcid", "pubmedcentral"]))
            .and_then(|id| fields::pmcid(&id));
        (pmid, pmcid)
    }

    /// The BibLaTeX `eprint` when `eprinttype` is one of `types`.
    fn eprint_of(&self, types: &[&str]) -> Option<String> {
        let eprint_type = self.identifier("eprinttype")?.to_ascii_lowercase();
        if types.contains(&eprint_type.as_str()) {
            self.identifier("eprint")
        } else {
            None
        }
    }

    fn url(&self) -> Option<String> {
        self.identifier("url").or_else(|| {
            self.identifier("howpublished")
                .filter(|text| text.starts_with("http://") || text.starts_with("https://"))
        })
    }
}

/// Fields a `crossref` child never takes from its parent: they name the parent itself (its
/// title becomes the child's `booktitle` instead), so inheriting them would give two papers
/// of one proceedings the same DOI or title.
const NOT_INHERITED: &[&str] = &[
    "crossref",
    "xref",
    "xdata",
    "ids",
    "entryset",
    "title",
    "subtitle",
    "shorttitle",
    "doi",
    "pmid",
    "pmcid",
    "eprint",
    "eprinttype",
    "url",
    "abstract",
];

/// Fill each child's missing fields from the entry its `crossref` names (and that entry's
/// parent in turn), wherever in the file the parent is.
fn inherit_crossrefs(entries: &mut [Entry]) {
    let mut by_key = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        by_key.entry(entry.key.to_lowercase()).or_insert(i);
    }
    for child in 0..entries.len() {
        let mut parent_key = entries[child].fields.get("crossref").cloned();
        let mut visited = vec![child];
        while let Some(key) = parent_key.take() {
            let Some(&parent) = by_key.get(&latex::verbatim(&key).to_lowercase()) else {
                break;
            };
            if visited.contains(&parent) {
                break;
            }
            visited.push(parent);
            let inherited = inherited_fields(&entries[parent], &entries[child].kind);
            for (name, value) in inherited {
                entries[child].fields.entry(name).or_insert(value);
            }
            parent_key = entries[parent].fields.get("crossref").cloned();
        }
    }
}

fn inherited_fields(parent: &Entry, child_kind: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = parent
        .fields
        .iter()
        .filter(|(name, _)| !NOT_INHERITED.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    if let Some(title) = parent.fields.get("title") {
        // An article's parent is its journal; anything else's is the book or proceedings.
        let container = if child_kind == "article" && !parent.fields.contains_key("journal") {
            "journaltitle"
        } else {
            "booktitle"
        };
        fields.push((container.to_string(), title.clone()));
    }
    fields
}

/// `2015`, `2015-03`, `2015-03-12`, a range `2015-03/2016` (its start) or a timestamp.
fn parse_iso_date(date: &str) -> Option<(Option<i32>, Option<u8>, Option<u8>)> {
    let start = date.split('/').next()?.trim();
    let mut parts = start.splitn(3, '-');
    let year_part = parts.next()?;
    if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = year_part.parse().ok();
    let month = parts.next().and_then(|m| number_in(m, 1, 12));
    let day = parts.next().and_then(|d| number_in(d, 1, 31));
    Some((year, month, day.filter(|_| month.is_some())))
}

/// The leading number of `text` when it lies in `min..=max` ("12", "12TZ").
fn number_in(text: &str, min: u8, max: u8) -> Option<u8> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|n| (min..=max).contains(n))
}

fn split_keywords(keywords: &str) -> Vec<String> {
    keywords
        .split([',', ';'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests;

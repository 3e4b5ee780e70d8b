//! CSL-JSON, the bibliography format of citeproc, Zotero, Pandoc and Manubot: an array of items
//! (or a single item object). Each item becomes a [`Reference`].
//!
//! The top-level array is walked item by item, each item read by `serde_json`, so that every
//! reference knows the line it starts on and a broken item still leaves the items before it.
//! Values are read tolerantly, as real files write them: numbers as strings, `container-title`
//! as an array, `date-parts` empty, null or longer than three.
//!
//! Schema: <https://github.com/citation-style-language/schema/blob/master/schemas/input/csl-data.json>

use serde_json::{Map, Value};

use crate::input::fields::{self, LineIndex};
use crate::input::Parsed;
use crate::model::{Person, Position, Reference};

/// Read the CSL-JSON `text` into references, one per item, in file order.
pub fn parse(text: &str) -> Parsed {
    let body = fields::strip_bom(text);
    let mut reader = ItemReader {
        body,
        lines: LineIndex::new(body),
        parsed: Parsed::default(),
        items: 0,
    };
    reader.read_document();
    reader.parsed
}

struct ItemReader<'a> {
    body: &'a str,
    lines: LineIndex<'a>,
    parsed: Parsed,
    items: usize,
}

impl ItemReader<'_> {
    fn read_document(&mut self) {
        let start = self.skip_whitespace(0);
        let end = match self.body.as_bytes().get(start) {
            None => return,
            Some(b'[') => self.read_array(start + 1),
            Some(_) => self.read_single(start),
        };
        if let Some(end) = end {
            let rest = self.skip_whitespace(end);
            if rest < self.body.len() {
                self.problem(
                    rest,
                    "invalid JSON: trailing characters after the items".into(),
                );
            }
        }
    }

    /// A lone item object. Returns where it ends, or `None` after a problem.
    fn read_single(&mut self, start: usize) -> Option<usize> {
        let (value, end) = self.read_value(start)?;
        match value {
            Value::Object(item) => self.push_item(&item, start, end),
            other => {
                let found = kind_of(&other);
                self.problem(
                    start,
                    format!("not CSL-JSON: expected an array of items or an item, found {found}"),
                );
            }
        }
        Some(end)
    }

    /// The items of the top-level array, from just after its `[`. Returns where the array ends,
    /// or `None` after a problem that stops the reading.
    fn read_array(&mut self, mut at: usize) -> Option<usize> {
        at = self.skip_whitespace(at);
        if self.body.as_bytes().get(at) == Some(&b']') {
            return Some(at + 1);
        }
        loop {
            at = self.skip_whitespace(at);
            let (value, end) = self.read_value(at)?;
            match value {
                Value::Object(item) => self.push_item(&item, at, end),
                other => {
                    let found = kind_of(&other);
                    self.problem(
                        at,
                        format!("not a CSL item: expected an object, found {found}"),
                    );
                }
            }
            at = self.skip_whitespace(end);
            match self.body.as_bytes().get(at) {
                Some(b',') => at += 1,
                Some(b']') => return Some(at + 1),
                Some(_) => {
                    self.problem(at, "invalid JSON: expected `,` or `]` after an item".into());
                    return None;
                }
                None => {
                    let message = "invalid JSON: the file ends inside the array of items".into();
                    self.problem(self.body.len(), message);
                    return None;
                }
            }
        }
    }

    /// One JSON value starting at `at`, and the offset just after it.
    fn read_value(&mut self, at: usize) -> Option<(Value, usize)> {
        let rest = self.body.get(at..).unwrap_or_default();
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => Some((value, at + stream.byte_offset())),
            Some(Err(error)) => {
                // serde_json counts from `at`; the finding must count from the file's start.
                let offset = at + LineIndex::new(rest).offset(error.line(), error.column());
                self.problem(
                    offset,
                    format!("invalid JSON: {}", without_position(&error)),
                );
                None
            }
            None => {
                let message = "invalid JSON: the file ends where a value should be".into();
                self.problem(self.body.len(), message);
                None
            }
        }
    }

    fn push_item(&mut self, item: &Map<String, Value>, start: usize, end: usize) {
        self.items += 1;
        let source = self.body.get(start..end).unwrap_or_default();
        let reference = item_reference(item, self.items, self.lines.position(start), source);
        fields::check_readable(&reference, &mut self.parsed.problems);
        self.parsed.references.push(reference);
    }

    fn problem(&mut self, offset: usize, message: String) {
        let position = self.lines.position(offset);
        self.parsed
            .problems
            .push(fields::unreadable(position, message));
    }

    fn skip_whitespace(&self, from: usize) -> usize {
        let rest = self.body.get(from..).unwrap_or_default();
        from + (rest.len() - rest.trim_start().len())
    }
}

/// serde_json's message without its "at line L column C", which counts from the item.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The reference one item describes; `index` (1-based) keys it when it has no `id`.
fn item_reference(
    item: &Map<String, Value>,
    index: usize,
    position: Position,
    source: &str,
) -> Reference {
    let field = |name: &str| item.get(name).and_then(text);
    let mut reference = Reference {
        key: field("id").unwrap_or_else(|| index.to_string()),
        entry_type: field("type"),
        title: field("title").and_then(|title| fields::clean_title(&fields::strip_markup(&title))),
        container: field("container-title")
            .or_else(|| field("container-title-short"))
            .or_else(|| field("journalAbbreviation"))
            .map(|container| fields::fold(&fields::strip_markup(&container))),
        authors: item.get("author").map(people).unwrap_or_default(),
        volume: field("volume"),
        issue: field("issue"),
        pages: field("page").or_else(|| field("page-first")),
        doi: field("DOI").and_then(|doi| fields::doi(&doi)),
        pmid: field("PMID").and_then(|pmid| fields::pmid(&pmid)),
        pmcid: field("PMCID").and_then(|pmcid| fields::pmcid(&pmcid)),
        url: field("URL"),
        abstract_text: field("abstract")
            .and_then(|text| fields::non_empty(&fields::strip_markup(&text))),
        keywords: ["keyword", "categories"]
            .iter()
            .filter_map(|name| item.get(*name))
            .flat_map(keywords)
            .collect(),
        position,
        raw: fields::truncate(&fields::fold(source), fields::RAW_CHARS),
        ..Reference::default()
    };
    if let Some(issued) = item.get("issued") {
        set_date(&mut reference, issued);
    }
    reference
}

/// A value as folded text: strings, numbers, or the first of an array of them.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => fields::non_empty(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Array(values) => values.iter().find_map(text),
        _ => None,
    }
}

/// CSL names: `family`/`given` (with a particle such as "van"), or a `literal` name.
fn people(value: &Value) -> Vec<Person> {
    let Value::Array(names) = value else {
        return Vec::new();
    };
    names.iter().filter_map(person).collect()
}

fn person(name: &Value) -> Option<Person> {
    let Value::Object(name) = name else {
        return text(name).map(|family| Person {
            family,
            given: None,
        });
    };
    let part = |key: &str| name.get(key).and_then(text);
    let family = match (part("non-dropping-particle"), part("family")) {
        (Some(particle), Some(family)) => Some(format!("{particle} {family}")),
        (_, family) => family,
    };
    match family {
        Some(family) => Some(Person {
            family,
            given: part("given"),
        }),
        None => part("literal")
            .or_else(|| part("given"))
            .map(|family| Person {
                family,
                given: None,
            }),
    }
}

/// CSL `keyword` is one string of comma- or semicolon-separated terms; some tools write a list.
fn keywords(value: &Value) -> Vec<String> {
    match value {
        Value::String(terms) => terms
            .split([',', ';'])
            .filter_map(fields::non_empty)
            .collect(),
        Value::Array(values) => values.iter().filter_map(text).collect(),
        _ => Vec::new(),
    }
}

/// Year, month and day from `date-parts` (`[[2018, 10, 21]]`, numbers or strings, extra parts
/// ignored), else from a `raw` or `literal` date, or a plain string.
fn set_date(reference: &mut Reference, issued: &Value) {
    let parts = issued
        .get("date-parts")
        .and_then(|parts| parts.get(0))
        .and_then(Value::as_array);
    if let Some(parts) = parts {
        let number = |i: usize| parts.get(i).and_then(date_part);
        reference.year = number(0).and_then(|year| i32::try_from(year).ok());
        if reference.year.is_some() {
            // CSL months 13-16 are seasons: no month.
            reference.month = number(1)
                .and_then(|m| u8::try_from(m).ok())
                .filter(|m| (1..=12).contains(m));
            reference.day = number(2)
                .and_then(|d| u8::try_from(d).ok())
                .filter(|d| (1..=31).contains(d));
            return;
        }
    }
    let written = match issued {
        Value::Object(date) => date
            .get("raw")
            .or_else(|| date.get("literal"))
            .and_then(text),
        other => text(other),
    };
    reference.year = written.and_then(|date| fields::year_in(&date));
}

fn date_part(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|f| f.fract() == 0.0)
                .map(|f| f as i64)
        }),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputProblemKind;

    #[test]
    fn reads_items_with_their_lines() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/csljson/manubot_input-bibliography.json"
        ));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let lines: Vec<usize> = parsed.references.iter().map(|r| r.position.line).collect();
        assert_eq!(lines, [2, 41, 70]);
        let bees = &parsed.references[1];
        assert_eq!(bees.key, "5thZNGfr");
        assert_eq!(
            bees.title.as_deref(),
            Some("Honey bee sting pain index by body location")
        );
        assert_eq!(bees.container.as_deref(), Some("PeerJ"));
        assert_eq!(
            (bees.year, bees.month, bees.day),
            (Some(2014), Some(4), Some(3))
        );
        assert_eq!(bees.doi.as_deref(), Some("10.7717/peerj.338"));
        assert_eq!(bees.pmid.as_deref(), Some("24765572"));
        assert_eq!(bees.pmcid.as_deref(), Some("PMC3994616"));
        assert_eq!(bees.pages.as_deref(), Some("e338"));
        assert_eq!(bees.entry_type.as_deref(), Some("article-journal"));
        assert_eq!(bees.authors[0].to_string(), "Smith Michael L.");
        // Literal names stay whole.
        assert_eq!(parsed.references[0].authors[0].family, "Trang T. Le");
    }

    #[test]
    fn date_parts_edge_cases() {
        let empty = parse(include_str!(
            "../../tests/fixtures/csljson/manubot_empty-date-parts-csl.json"
        ));
        assert_eq!(empty.references[0].year, None);
        assert_eq!(
            empty.references[0].title.as_deref(),
            Some("The arXiv of the future will not look like the arXiv")
        );
        assert!(empty.problems.is_empty());

        let null = parse(include_str!(
            "../../tests/fixtures/csljson/manubot_null-date-parts-csl.json"
        ));
        assert_eq!(null.references[0].year, None);
        assert_eq!(null.problems.len(), 1);
        assert_eq!(null.problems[0].kind, InputProblemKind::UnparsedReference);
        assert_eq!(null.problems[0].reference.as_deref(), Some("WDvu1SAV"));
        assert_eq!(null.problems[0].position.line, 2);

        let excess = parse(include_str!(
            "../../tests/fixtures/csljson/manubot_excess-date-parts-csl.json"
        ));
        let r = &excess.references[0];
        assert_eq!((r.year, r.month, r.day), (Some(2018), Some(10), Some(21)));

        let strings = parse(include_str!(
            "../../tests/fixtures/csljson/manubot_arxiv-joss-csl.json"
        ));
        let r = &strings.references[0];
        assert_eq!((r.year, r.month, r.day), (Some(2017), Some(7), Some(7)));
        assert_eq!(r.authors.len(), 16);
    }

    #[test]
    fn a_single_object_and_jats_abstracts() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/csljson/bolognese_citeproc.json"
        ));
        assert_eq!(parsed.references.len(), 1);
        let r = &parsed.references[0];
        assert_eq!(r.key, "https://doi.org/10.5438/4k3m-nyvg");
        assert_eq!(r.doi.as_deref(), Some("10.5438/4k3m-nyvg"));
        assert_eq!(r.authors[0].to_string(), "Fenner Martin");
        assert_eq!(r.position, Position::new(1, 1));
        assert!(r.keywords.contains(&"Malaria".to_string()));

        let parsed = parse(include_str!(
            "../../tests/fixtures/csljson/manubot_bibliography.json"
        ));
        assert_eq!(parsed.references.len(), 2);
        let abstract_text = parsed.references[0]
            .abstract_text
            .as_deref()
            .unwrap_or_default();
        assert!(
            abstract_text.starts_with("The website Sci-Hub enables"),
            "{abstract_text}"
        );
        assert!(!abstract_text.contains("jats"));
        // The second item has no id: its position keys it.
        assert_eq!(parsed.references[1].key, "2");
    }

    #[test]
    fn tolerant_values() {
        let text = r#"[
  {"id": 7, "type": "chapter", "title": "An <i>in vitro</i> study.",
   "container-title": ["Book of Things", "Other"], "volume": 3,
   "author": [{"family": "Gogh", "given": "V", "non-dropping-particle": "van"}, {"literal": "WHO"}],
   "issued": {"raw": "Spring 2009"}, "keyword": "pain; opioids, trials",
   "DOI": "https://doi.org/10.1/X", "PMCID": "123", "page": "5-9"}
]"#;
        let parsed = parse(text);
        assert!(parsed.problems.is_empty());
        let r = &parsed.references[0];
        assert_eq!(r.key, "7");
        assert_eq!(r.title.as_deref(), Some("An in vitro study"));
        assert_eq!(r.container.as_deref(), Some("Book of Things"));
        assert_eq!(r.volume.as_deref(), Some("3"));
        assert_eq!(r.authors[0].to_string(), "van Gogh V");
        assert_eq!(r.authors[1].family, "WHO");
        assert_eq!(r.year, Some(2009));
        assert_eq!(r.keywords, ["pain", "opioids", "trials"]);
        assert_eq!(r.doi.as_deref(), Some("10.1/X"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC123"));
        assert_eq!(r.position, Position::new(2, 3));
    }

    #[test]
    fn invalid_json_keeps_the_items_before_it() {
        let text = "[\n  {\"id\": \"a\", \"title\": \"First\"},\n  {\"id\": \"b\",\n   \"title\" \"Second\"},\n  {\"id\": \"c\"}\n]\n";
        let parsed = parse(text);
        assert_eq!(parsed.references.len(), 1);
        assert_eq!(parsed.references[0].key, "a");
        assert_eq!(parsed.problems.len(), 1);
        let problem = &parsed.problems[0];
        assert_eq!(problem.kind, InputProblemKind::Unreadable);
        assert_eq!(problem.position, Position::new(4, 12));
        assert!(
            problem.message.contains("expected `:`"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn structural_problems() {
        let missing_comma = parse("[{\"title\": \"A\"}\n {\"title\": \"B\"}]");
        assert_eq!(missing_comma.references.len(), 1);
        assert_eq!(missing_comma.problems[0].position, Position::new(2, 2));

        let truncated = parse("[{\"title\": \"A\"},\n");
        assert_eq!(truncated.references.len(), 1);
        assert_eq!(truncated.problems[0].kind, InputProblemKind::Unreadable);
        assert_eq!(truncated.problems[0].position.line, 2);

        let not_items = parse("\u{feff}[\"just a string\", {\"title\": \"T\"}]");
        assert_eq!(not_items.references.len(), 1);
        assert!(not_items.problems[0].message.contains("found a string"));

        let empty = parse(" [ ] ");
        assert!(empty.references.is_empty() && empty.problems.is_empty());
    }
}

//! Accuracy of the free-text reference parser (`citegrade::input::refstring`) on labelled data.
//!
//! Usage: `cargo run --release --example eval_refs -- <corpus root> [--misses FIELD]`
//!
//! Two datasets from the shared corpus:
//! - AnyStyle `refstrings/anystyle/gold.xml`: each `<sequence>`'s element texts joined by a space
//!   are the input; the labels are the truth.
//! - JATS `<mixed-citation>` in `jats/*.xml` and `jats/*.nxml`: the input is the raw string as
//!   published, the concatenation of the citation's text nodes exactly as they stand (only the
//!   display space between the parts of a `<name>` is added); a citation whose elements abut with
//!   no text between them is tagged data, not a raw string, and is scored apart. The truth is
//!   its child elements: `<year>`, the first `<surname>` or `<collab>`, `<article-title>` (or
//!   `<chapter-title>`) and `<source>`, which is the container when a title stands before it
//!   and the title itself (a book, a report) when none does, except in a journal citation.
//!
//! Also scored: the gold strings that do not occur in AnyStyle's `core.xml`. The parse time per
//! reference is the best of five rounds.
//!
//! For each field the table counts only references that carry that label. Values are compared
//! after normalisation (case, punctuation and spacing folded), so only the parse is measured.
//! `--misses FIELD` (year, author, title, container) prints the mismatches of that field;
//! `--one TEXT` prints the parse of one string.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use citegrade::input::refstring;
use citegrade::model::Reference;
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

/// One labelled reference string.
#[derive(Debug, Default)]
struct Case {
    input: String,
    year: Option<i32>,
    /// First author's family name, as far as the label lets us tell.
    family: Option<String>,
    /// Other readings of an ambiguous label ("Wolfgang Jantzen", "Barouh Emmy") and the whole
    /// first-author chunk, for corporate authors.
    family_alternatives: Vec<String>,
    title: Option<String>,
    container: Option<String>,
    /// The first author label has been read (it may name nobody: "———").
    author_seen: bool,
}

const FIELDS: [&str; 4] = ["year", "author", "title", "container"];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: eval_refs <corpus root> [--misses FIELD]");
        std::process::exit(2);
    };
    let misses = match (args.next().as_deref(), args.next()) {
        (Some("--misses"), Some(field)) => Some(field),
        (Some("--one"), Some(text)) => {
            println!("{:#?}", refstring::parse("", &text));
            return;
        }
        _ => None,
    };
    let gold = anystyle_cases(&root.join("refstrings/anystyle/gold.xml"));
    // Gold strings that also occur in core.xml (AnyStyle's training set) score a parser tuned on
    // core.xml too kindly; the figure without them is the honest one.
    let core: HashSet<String> = anystyle_cases(&root.join("refstrings/anystyle/core.xml"))
        .into_iter()
        .map(|c| c.input)
        .collect();
    let (in_core, unseen): (Vec<Case>, Vec<Case>) =
        anystyle_cases(&root.join("refstrings/anystyle/gold.xml"))
            .into_iter()
            .partition(|c| core.contains(&c.input));
    eprintln!(
        "AnyStyle gold.xml: {} of {} strings also in core.xml",
        in_core.len(),
        gold.len()
    );
    let (jats_raw, jats_tagged) = jats_cases(&root.join("jats"));
    let datasets = [
        ("AnyStyle gold.xml", gold),
        ("AnyStyle gold.xml not in core.xml", unseen),
        ("JATS mixed-citation, raw string", jats_raw),
        ("JATS mixed-citation, tagged data", jats_tagged),
    ];
    println!("| dataset | field | n | matched | share |");
    println!("|---|---|---:|---:|---:|");
    for (name, cases) in &datasets {
        let (parsed, per_reference) = timed_parse(cases);
        for field in FIELDS {
            let (n, matched) = score(cases, &parsed, field);
            let share = if n == 0 {
                0.0
            } else {
                100.0 * matched as f64 / n as f64
            };
            println!("| {name} | {field} | {n} | {matched} | {share:.1}% |");
        }
        eprintln!(
            "{name}: {} references, {:.1} µs per reference",
            cases.len(),
            per_reference * 1e6
        );
        if let Some(field) = &misses {
            print_misses(cases, &parsed, field);
        }
    }
}

/// Parse every case, timing the best of a few rounds (the first warms the lazy regexes).
fn timed_parse(cases: &[Case]) -> (Vec<Reference>, f64) {
    let parse_all = || -> Vec<Reference> {
        cases
            .iter()
            .map(|c| refstring::parse("", &c.input))
            .collect()
    };
    let mut parsed = parse_all();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let started = Instant::now();
        parsed = parse_all();
        best = best.min(started.elapsed().as_secs_f64());
    }
    (parsed, best / cases.len().max(1) as f64)
}

fn score(cases: &[Case], parsed: &[Reference], field: &str) -> (usize, usize) {
    let mut n = 0;
    let mut matched = 0;
    for (case, reference) in cases.iter().zip(parsed) {
        if let Some(hit) = field_matches(case, reference, field) {
            n += 1;
            matched += usize::from(hit);
        }
    }
    (n, matched)
}

/// `None` when the case has no label for the field.
fn field_matches(case: &Case, r: &Reference, field: &str) -> Option<bool> {
    match field {
        "year" => case.year.map(|y| r.year == Some(y)),
        "author" => case.family.as_ref().map(|family| {
            let got = r
                .authors
                .first()
                .map(|p| normalise(&p.family))
                .unwrap_or_default();
            !got.is_empty()
                && (got == normalise(family)
                    || case.family_alternatives.iter().any(|a| got == normalise(a)))
        }),
        "title" => case.title.as_ref().map(|t| {
            r.title
                .as_deref()
                .is_some_and(|got| normalise(got) == normalise(t))
        }),
        "container" => case.container.as_ref().map(|c| {
            r.container
                .as_deref()
                .is_some_and(|got| normalise_container(got) == normalise_container(c))
        }),
        _ => None,
    }
}

fn print_misses(cases: &[Case], parsed: &[Reference], field: &str) {
    for (case, r) in cases.iter().zip(parsed) {
        if field_matches(case, r, field) == Some(false) {
            let (want, got) = match field {
                "year" => (format!("{:?}", case.year), format!("{:?}", r.year)),
                "author" => (
                    format!("{:?}", case.family),
                    format!("{:?}", r.authors.first()),
                ),
                "title" => (format!("{:?}", case.title), format!("{:?}", r.title)),
                _ => (
                    format!("{:?}", case.container),
                    format!("{:?}", r.container),
                ),
            };
            println!("IN   {}\nWANT {want}\nGOT  {got}\n", case.input);
        }
    }
}

/// Lower case, letters and digits only, single spaces.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// A container label sometimes keeps the "In" that introduces it.
fn normalise_container(text: &str) -> String {
    let n = normalise(text);
    n.strip_prefix("in ").map(str::to_string).unwrap_or(n)
}

// ---------------------------------------------------------------- AnyStyle

fn anystyle_cases(path: &Path) -> Vec<Case> {
    let Ok(xml) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {}", path.display());
        return Vec::new();
    };
    let mut cases = Vec::new();
    let mut reader = Reader::from_str(&xml);
    let mut case = Case::default();
    let mut pieces: Vec<String> = Vec::new();
    let mut label: Option<String> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "sequence" {
                    case = Case::default();
                    pieces.clear();
                } else if name != "dataset" {
                    label = Some(name);
                    text.clear();
                }
            }
            Ok(Event::Text(t)) => text.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(r)) => text.push_str(&entity(&r)),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == b"sequence" {
                    case.input = pieces.join(" ");
                    cases.push(std::mem::take(&mut case));
                } else if let Some(name) = label.take() {
                    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    label_anystyle(&mut case, &name, &value);
                    pieces.push(value);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                break;
            }
            _ => {}
        }
    }
    cases
}

fn label_anystyle(case: &mut Case, name: &str, value: &str) {
    match name {
        "date" if case.year.is_none() => case.year = four_digits(value),
        "author" if !case.author_seen => {
            case.author_seen = true;
            // "———." repeats the author above: the string itself names nobody.
            if !value.chars().any(char::is_alphabetic) {
                return;
            }
            let chunk = first_author_chunk(value);
            let (family, mut alternatives) = family_of(&chunk);
            alternatives.push(chunk);
            case.family = Some(family);
            case.family_alternatives = alternatives;
        }
        "title" if case.title.is_none() => case.title = Some(value.to_string()),
        "journal" | "container-title" if case.container.is_none() => {
            case.container = Some(value.to_string())
        }
        _ => {}
    }
}

fn four_digits(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &bytes[i..i + 4];
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        (bounded && window.iter().all(u8::is_ascii_digit))
            .then(|| text[i..i + 4].parse().ok())
            .flatten()
    })
}

/// The label up to the end of the first author: "Smith, J. A." of "Smith, J. A., & Jones, C.".
fn first_author_chunk(label: &str) -> String {
    let label = label.trim().trim_end_matches([',', '.', ':', ';']);
    let label = label.strip_prefix("By ").unwrap_or(label);
    let cut = [" & ", " and ", ";", " et al", " et ", " (", " und "]
        .iter()
        .filter_map(|sep| label.find(sep))
        .min()
        .unwrap_or(label.len());
    label[..cut].trim().trim_end_matches([',', '.']).to_string()
}

/// The first author's family name in a labelled author list, by the usual layouts ("Smith AB",
/// "Smith, J. A.", "J. A. Smith", "AM Smith", "Smith, John"), with the other reading when the
/// label alone cannot tell ("Wolfgang Jantzen" or "Barouh Emmy").
fn family_of(chunk: &str) -> (String, Vec<String>) {
    let head = chunk.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    let is_initials = |w: &str| {
        let letters = w.trim_end_matches('.');
        !letters.is_empty()
            && letters.chars().count() <= 4
            && letters
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-')
    };
    // "KAHAN Marcel", "AL RUBAEE, M.": capitals mark the family name (four letters or more,
    // fewer could be initials: "AM Smith").
    let is_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !w.contains('.')
            && w.chars().all(|c| !c.is_lowercase())
    };
    let upper = |w: &&str| !w.contains('.') && w.chars().all(|c| !c.is_lowercase());
    let capitals: Vec<&str> = words.iter().copied().filter(upper).collect();
    if words.iter().any(|w| is_capitals(w)) && capitals.len() < words.len() {
        return (capitals.join(" "), Vec::new());
    }
    let initial_at = words
        .iter()
        .rposition(|w| is_initials(w) && !is_capitals(w));
    match (words.as_slice(), initial_at) {
        ([], _) => (String::new(), Vec::new()),
        // "Smith AB", "Janhäll S."
        (_, Some(at)) if at == words.len() - 1 && at > 0 => (words[..at].join(" "), Vec::new()),
        // "J. A. Smith", "AM Trinkoff", "Joseph A. Schumpeter".
        (_, Some(at)) if at + 1 < words.len() => (words[at + 1..].join(" "), Vec::new()),
        // "Wolfgang Jantzen, Jan Steffens" or "Brunnée Jutta, Toope Stephen", "Barouh Emmy", "van
        // der Berg, J.": the label alone cannot tell, so the last word, the first or all of them.
        ([first, .., last], None) => (last.to_string(), vec![first.to_string(), head.to_string()]),
        // "Smith, J." or a single word.
        _ => (head.to_string(), Vec::new()),
    }
}

// ---------------------------------------------------------------- JATS

/// (raw-string citations, tagged-data citations) of every JATS article in `dir`.
fn jats_cases(dir: &Path) -> (Vec<Case>, Vec<Case>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("xml" | "nxml")));
    paths.sort();
    let (mut raw, mut tagged) = (Vec::new(), Vec::new());
    for path in paths {
        let (r, t) = mixed_citations(&path);
        raw.extend(r);
        tagged.extend(t);
    }
    (raw, tagged)
}

/// Elements whose text is the truth for a field, in a mixed citation.
const JATS_FIELDS: [&str; 6] = [
    "year",
    "surname",
    "collab",
    "article-title",
    "chapter-title",
    "source",
];

/// Elements of a structured name: the display space between them is the name's own (JATS
/// `name-style`), never text in the file, so it is rendered even in a raw string.
const NAME_ELEMENTS: [&str; 2] = ["name", "string-name"];

/// One `<mixed-citation>` while it is read.
#[derive(Default)]
struct MixedCitation {
    case: Case,
    /// The publication-type attribute ("journal", "book", "other").
    kind: String,
    /// Open elements inside the citation, innermost last.
    open: Vec<String>,
    /// The field element whose text is being gathered.
    field: Option<(String, String)>,
    /// An element just closed with no text since.
    after_element: bool,
    /// Two elements met with no text between them outside a name: tagged data.
    tagged: bool,
    source: Option<String>,
}

/// `(raw-string citations, tagged-data citations)` of one JATS file. A raw string is the
/// concatenation of the citation's text nodes exactly as they stand (the punctuation between
/// fields lives there); only the space between the parts of a `<name>` is added.
fn mixed_citations(path: &Path) -> (Vec<Case>, Vec<Case>) {
    let (mut raw, mut tagged) = (Vec::new(), Vec::new());
    let Ok(xml) = std::fs::read_to_string(path) else {
        return (raw, tagged);
    };
    let mut reader = Reader::from_str(&xml);
    let mut current: Option<MixedCitation> = None;
    loop {
        let event = reader.read_event();
        let Some(citation) = current.as_mut() else {
            match event {
                Ok(Event::Start(e)) if e.local_name().as_ref() == b"mixed-citation" => {
                    let kind = e
                        .try_get_attribute("publication-type")
                        .ok()
                        .flatten()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                        .unwrap_or_default();
                    current = Some(MixedCitation {
                        kind,
                        ..MixedCitation::default()
                    });
                }
                Ok(Event::Eof) => break,
                Err(e) => {
                    eprintln!("{}: {e}", path.display());
                    break;
                }
                _ => {}
            }
            continue;
        };
        match event {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if citation.after_element {
                    let in_name = citation
                        .open
                        .last()
                        .is_some_and(|parent| NAME_ELEMENTS.contains(&parent.as_str()));
                    if in_name {
                        citation.case.input.push(' ');
                    } else {
                        citation.tagged = true;
                    }
                }
                citation.after_element = false;
                if citation.field.is_none() && JATS_FIELDS.contains(&name.as_str()) {
                    citation.field = Some((name.clone(), String::new()));
                }
                citation.open.push(name);
            }
            Ok(Event::Text(t)) => {
                push_text(citation, &t.decode().unwrap_or_default());
            }
            Ok(Event::GeneralRef(r)) => push_text(citation, &entity(&r)),
            Ok(Event::End(_)) => {
                let Some(name) = citation.open.pop() else {
                    if let Some(done) = current.take() {
                        let (is_tagged, case) = finish_citation(done);
                        if is_tagged { &mut tagged } else { &mut raw }.push(case);
                    }
                    continue;
                };
                citation.after_element = true;
                if citation.field.as_ref().is_some_and(|(f, _)| *f == name) {
                    if let Some((field, value)) = citation.field.take() {
                        label_jats(citation, &field, value.trim());
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                break;
            }
            _ => {}
        }
    }
    (raw, tagged)
}

/// The truth of a finished citation: a `<source>` is the container when a title stands before
/// it, and is itself the title (a book, a report) when none does.
fn finish_citation(mut citation: MixedCitation) -> (bool, Case) {
    let mut case = std::mem::take(&mut citation.case);
    case.input = case.input.split_whitespace().collect::<Vec<_>>().join(" ");
    match (&case.title, citation.source) {
        (Some(_), source) => case.container = source,
        (None, Some(source)) if citation.kind != "journal" => case.title = Some(source),
        (None, source) => case.container = source,
    }
    (citation.tagged, case)
}

fn push_text(citation: &mut MixedCitation, text: &str) {
    citation.case.input.push_str(text);
    citation.after_element = false;
    if let Some((_, value)) = &mut citation.field {
        value.push_str(text);
    }
}

fn label_jats(citation: &mut MixedCitation, name: &str, value: &str) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let case = &mut citation.case;
    match name {
        "year" if case.year.is_none() => case.year = four_digits(&value),
        "surname" | "collab" if case.family.is_none() => case.family = Some(value),
        "article-title" | "chapter-title" if case.title.is_none() => case.title = Some(value),
        "source" if citation.source.is_none() => citation.source = Some(value),
        _ => {}
    }
}

/// The text of `&amp;`, `&#x2013;` and friends.
fn entity(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    quick_xml::escape::resolve_predefined_entity(&name)
        .unwrap_or(" ")
        .to_string()
}

//! PubMed XML as efetch and the PubMed site export it: a `PubmedArticleSet` (or
//! `PubmedBookArticleSet`) of `PubmedArticle` and `PubmedBookArticle` records. Each record becomes
//! a [`Reference`] with its PMID, title, journal or book, date, authors, DOI and PMCID, pages,
//! publication types (what grading leans on), abstract, and keywords with MeSH descriptors.
//!
//! Each record is read into a small element tree first, so that inline markup inside a title or
//! an abstract (`<i>`, `<sup>`, MathML) flattens to its text, and fields are looked up by their
//! path, not by the first element of that name (a `PMID` also occurs in `CommentsCorrections`).
//!
//! DTD: <https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd>

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::input::fields::{self, LineIndex};
use crate::input::Parsed;
use crate::model::{Person, Position, Reference};

const ARTICLE: &str = "PubmedArticle";
const BOOK_ARTICLE: &str = "PubmedBookArticle";
/// Root elements of a PubMed export; a single record may also stand alone.
const ROOTS: &[&str] = &[
    "PubmedArticleSet",
    "PubmedBookArticleSet",
    ARTICLE,
    BOOK_ARTICLE,
];

/// Read the PubMed XML `text` into references, one per record, in file order.
pub fn parse(text: &str) -> Parsed {
    let body = fields::strip_bom(text);
    let lines = LineIndex::new(body);
    let mut scan = Scan::default();
    let mut reader = Reader::from_str(body);
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => scan.event(event, before, &lines),
            Err(error) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                scan.problem(lines.position(at), format!("malformed XML: {error}"));
                return scan.parsed;
            }
        }
    }
    scan.finish(&lines, body.len());
    scan.parsed
}

/// An element of a record, with its text and child elements in document order.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn from_tag(tag: &BytesStart<'_>) -> Self {
        let attributes = tag
            .attributes()
            .flatten()
            .map(|attribute| {
                let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map(|value| value.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&attribute.value).into_owned());
                (key, value)
            })
            .collect();
        Element {
            name: String::from_utf8_lossy(tag.name().as_ref()).into_owned(),
            attributes,
            children: Vec::new(),
        }
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |element| element.name == name)
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|element| element.name == name)
    }

    /// The element at `path` below this one, following the first match at each step.
    fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter()
            .try_fold(self, |element, name| element.child(name))
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// All the text inside, markup dropped (`H<sub>2</sub>O` -> `H2O`).
    fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.collect_text(out),
            }
        }
    }

    /// The folded text at `path`, if it has any.
    fn text_at(&self, path: &[&str]) -> Option<String> {
        self.at(path)
            .and_then(|element| fields::non_empty(&element.text()))
    }
}

/// The reader's state between events: the record being built and what was read so far.
#[derive(Default)]
struct Scan {
    parsed: Parsed,
    /// Open elements of the current record, the record itself first.
    open: Vec<Element>,
    record_start: usize,
    /// Open elements outside any record, with where they start.
    outside: Vec<(String, usize)>,
    root: Option<String>,
    records: usize,
}

impl Scan {
    fn event(&mut self, event: Event<'_>, before: usize, lines: &LineIndex<'_>) {
        match event {
            Event::Start(tag) => self.start(Element::from_tag(&tag), before),
            Event::Empty(tag) => {
                let element = Element::from_tag(&tag);
                if self.open.is_empty() {
                    self.root.get_or_insert(element.name);
                } else {
                    self.attach(Node::Element(element));
                }
            }
            Event::End(_) => self.end(lines),
            Event::Text(text) => {
                let content = text
                    .xml10_content()
                    .map(|content| content.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&text).into_owned());
                self.text(content);
            }
            Event::CData(data) => self.text(String::from_utf8_lossy(&data).into_owned()),
            Event::GeneralRef(reference) => self.text(resolve(&reference)),
            _ => {}
        }
    }

    fn start(&mut self, element: Element, before: usize) {
        if !self.open.is_empty() {
            self.open.push(element);
        } else if element.name == ARTICLE || element.name == BOOK_ARTICLE {
            self.record_start = before;
            self.open.push(element);
        } else {
            self.root.get_or_insert_with(|| element.name.clone());
            self.outside.push((element.name, before));
        }
    }

    fn end(&mut self, lines: &LineIndex<'_>) {
        let Some(element) = self.open.pop() else {
            self.outside.pop();
            return;
        };
        if self.open.is_empty() {
            self.records += 1;
            let position = lines.position(self.record_start);
            let reference = record_reference(&element, self.records, position);
            fields::check_readable(&reference, &mut self.parsed.problems);
            self.parsed.references.push(reference);
        } else {
            self.attach(Node::Element(element));
        }
    }

    fn text(&mut self, text: String) {
        if !self.open.is_empty() {
            self.attach(Node::Text(text));
        }
    }

    fn attach(&mut self, node: Node) {
        if let Some(parent) = self.open.last_mut() {
            parent.children.push(node);
        }
    }

    fn problem(&mut self, position: Position, message: String) {
        self.parsed
            .problems
            .push(fields::unreadable(position, message));
    }

    /// Report what the end of the file left open, or a file that is not PubMed XML at all.
    fn finish(&mut self, lines: &LineIndex<'_>, end: usize) {
        if let Some(record) = self.open.first() {
            let message = format!(
                "truncated record: <{}> is not closed before the end of the file",
                record.name
            );
            self.problem(lines.position(self.record_start), message);
        } else if let Some((name, _)) = self.outside.last() {
            let message = format!("truncated file: <{name}> is not closed");
            self.problem(lines.position(end), message);
        } else if self.records == 0 {
            match &self.root {
                Some(root) if ROOTS.contains(&root.as_str()) => {}
                Some(root) => {
                    let message = format!("not PubMed XML: the root element is <{root}>");
                    self.problem(Position::new(1, 1), message);
                }
                None => self.problem(Position::new(1, 1), "not PubMed XML: no element".into()),
            }
        }
    }
}

/// The text an entity or character reference stands for; an unknown entity stays as written.
fn resolve(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return character.to_string();
    }
    let name = String::from_utf8_lossy(reference);
    resolve_predefined_entity(&name).map_or_else(|| format!("&{name};"), str::to_string)
}

/// The reference one record describes; `index` (1-based) keys it when it has no PMID.
fn record_reference(record: &Element, index: usize, position: Position) -> Reference {
    let mut reference = if record.name == BOOK_ARTICLE {
        book_article(record)
    } else {
        journal_article(record)
    };
    reference.entry_type = Some(record.name.clone());
    reference.position = position;
    reference.key = reference.pmid.clone().unwrap_or_else(|| index.to_string());
    reference.raw = summary(&reference);
    if reference.raw.is_empty() {
        reference.raw = format!("<{}> record {index} with no title or date", record.name);
    }
    reference
}

/// A one-line citation of the reference, for `raw`, since the source text is markup.
fn summary(reference: &Reference) -> String {
    let mut parts = Vec::new();
    let names: Vec<String> = reference
        .authors
        .iter()
        .take(3)
        .map(|p| p.to_string())
        .collect();
    if !names.is_empty() {
        let more = if reference.authors.len() > 3 {
            ", et al"
        } else {
            ""
        };
        parts.push(format!("{}{more}.", names.join(", ")));
    }
    if let Some(title) = &reference.title {
        parts.push(format!("{title}."));
    }
    if let Some(container) = &reference.container {
        parts.push(format!("{container}."));
    }
    if let Some(year) = reference.year {
        parts.push(format!("{year}."));
    }
    fields::truncate(&parts.join(" "), fields::RAW_CHARS)
}

fn journal_article(record: &Element) -> Reference {
    let empty = Element::default();
    let citation = record.child("MedlineCitation").unwrap_or(&empty);
    let article = citation.child("Article").unwrap_or(&empty);
    let journal = article.child("Journal").unwrap_or(&empty);
    let issue = journal.child("JournalIssue").unwrap_or(&empty);
    let id_lists = [record.at(&["PubmedData", "ArticleIdList"])];
    let mut reference = Reference {
        pmid: citation.text_at(&["PMID"]),
        title: title(article, "ArticleTitle").or_else(|| title(article, "VernacularTitle")),
        container: journal
            .text_at(&["Title"])
            .or_else(|| journal.text_at(&["ISOAbbreviation"]))
            .or_else(|| citation.text_at(&["MedlineJournalInfo", "MedlineTA"])),
        volume: issue.text_at(&["Volume"]),
        issue: issue.text_at(&["Issue"]),
        pages: pages(article),
        doi: elocation_doi(article).or_else(|| article_id(&id_lists, "doi")),
        pmcid: article_id(&id_lists, "pmc").and_then(|id| fields::pmcid(&id)),
        authors: authors(&[article.child("AuthorList")]),
        publication_types: texts(article.at(&["PublicationTypeList"]), "PublicationType"),
        abstract_text: abstract_text(article.child("Abstract")),
        keywords: keywords(citation),
        ..Reference::default()
    };
    let date = issue
        .child("PubDate")
        .or_else(|| article.child("ArticleDate"));
    set_date(&mut reference, date);
    reference
}

fn book_article(record: &Element) -> Reference {
    let empty = Element::default();
    let document = record.child("BookDocument").unwrap_or(&empty);
    let book = document.child("Book").unwrap_or(&empty);
    let chapter = title(document, "ArticleTitle");
    let book_title = title(book, "BookTitle");
    let id_lists = [
        document.child("ArticleIdList"),
        record.at(&["PubmedBookData", "ArticleIdList"]),
    ];
    let mut publication_types = texts(Some(document), "PublicationType");
    publication_types.extend(texts(
        document.child("PublicationTypeList"),
        "PublicationType",
    ));
    let mut reference = Reference {
        pmid: document.text_at(&["PMID"]),
        // A chapter is titled by ArticleTitle and sits in the book; a whole book is the title.
        container: chapter.is_some().then(|| book_title.clone()).flatten(),
        title: chapter.or(book_title),
        volume: book.text_at(&["Volume"]),
        pages: pages(document),
        doi: elocation_doi(book)
            .or_else(|| elocation_doi(document))
            .or_else(|| article_id(&id_lists, "doi")),
        pmcid: article_id(&id_lists, "pmc").and_then(|id| fields::pmcid(&id)),
        authors: authors(&[document.child("AuthorList"), book.child("AuthorList")]),
        publication_types,
        abstract_text: abstract_text(document.child("Abstract")),
        keywords: keywords(document),
        ..Reference::default()
    };
    set_date(&mut reference, book.child("PubDate"));
    reference
}

fn title(parent: &Element, name: &str) -> Option<String> {
    parent
        .child(name)
        .and_then(|element| fields::clean_title(&element.text()))
}

/// The folded texts of the `name` children of `parent`.
fn texts(parent: Option<&Element>, name: &str) -> Vec<String> {
    parent
        .into_iter()
        .flat_map(|parent| parent.children(name))
        .filter_map(|element| fields::non_empty(&element.text()))
        .collect()
}

/// `MedlinePgn`, or the `StartPage`-`EndPage` pair newer records may carry instead.
fn pages(parent: &Element) -> Option<String> {
    let pagination = parent.child("Pagination")?;
    if let Some(pages) = pagination.text_at(&["MedlinePgn"]) {
        return Some(pages);
    }
    let start = pagination.text_at(&["StartPage"])?;
    Some(match pagination.text_at(&["EndPage"]) {
        Some(end) => format!("{start}-{end}"),
        None => start,
    })
}

fn elocation_doi(parent: &Element) -> Option<String> {
    parent
        .children("ELocationID")
        .find(|element| element.attribute("EIdType") == Some("doi"))
        .and_then(|element| fields::doi(&element.text()))
}

/// The first `ArticleId` of type `kind` in the given lists, in order.
fn article_id(lists: &[Option<&Element>], kind: &str) -> Option<String> {
    lists
        .iter()
        .flatten()
        .flat_map(|list| list.children("ArticleId"))
        .find(|id| id.attribute("IdType") == Some(kind))
        .and_then(|id| match kind {
            "doi" => fields::doi(&id.text()),
            _ => fields::non_empty(&id.text()),
        })
}

/// Authors from the first author list that names authors rather than editors; editors only
/// when no list names authors.
fn authors(lists: &[Option<&Element>]) -> Vec<Person> {
    let lists: Vec<&Element> = lists.iter().flatten().copied().collect();
    let chosen = lists
        .iter()
        .find(|list| list.attribute("Type") != Some("editors"))
        .or_else(|| lists.first());
    chosen
        .into_iter()
        .flat_map(|list| list.children("Author"))
        .filter_map(person)
        .collect()
}

fn person(author: &Element) -> Option<Person> {
    if let Some(family) = author.text_at(&["LastName"]) {
        let given = author
            .text_at(&["ForeName"])
            .or_else(|| author.text_at(&["Initials"]));
        return Some(Person { family, given });
    }
    author.text_at(&["CollectiveName"]).map(|family| Person {
        family,
        given: None,
    })
}

/// The abstract's parts, each under its label ("METHODS: ..."), joined into one text.
fn abstract_text(abstract_element: Option<&Element>) -> Option<String> {
    let parts: Vec<String> = abstract_element?
        .children("AbstractText")
        .filter_map(|part| {
            let text = fields::non_empty(&part.text())?;
            // PubMed labels an unlabelled part "UNLABELLED" when its siblings have labels.
            Some(match part.attribute("Label").map(str::trim) {
                Some(label) if !label.is_empty() && label != "UNLABELLED" => {
                    format!("{label}: {text}")
                }
                _ => text,
            })
        })
        .collect();
    fields::non_empty(&parts.join(" "))
}

/// Author keywords of every keyword list, then MeSH descriptor names.
fn keywords(parent: &Element) -> Vec<String> {
    let mut keywords: Vec<String> = parent
        .children("KeywordList")
        .flat_map(|list| texts(Some(list), "Keyword"))
        .collect();
    let headings = parent.child("MeshHeadingList").into_iter();
    keywords.extend(
        headings
            .flat_map(|list| list.children("MeshHeading"))
            .filter_map(|heading| heading.text_at(&["DescriptorName"])),
    );
    keywords
}

/// Year, month and day from a `PubDate` (`Year`/`Month`/`Day`, or `MedlineDate` such as
/// "2014 Dec-2015 Jan", which dates the record to its first year and month).
fn set_date(reference: &mut Reference, date: Option<&Element>) {
    let Some(date) = date else { return };
    if let Some(year) = date.text_at(&["Year"]) {
        reference.year = fields::year_in(&year);
        reference.month = date.text_at(&["Month"]).and_then(|m| fields::month(&m));
        reference.day = date.text_at(&["Day"]).and_then(|d| fields::day(&d));
    } else if let Some(medline) = date.text_at(&["MedlineDate"]) {
        reference.year = fields::year_in(&medline);
        reference.month = medline.split_whitespace().nth(1).and_then(fields::month);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputProblemKind;

    const ARTICLE_XML: &str = r#"<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE">
    <PMID Version="1">25000001</PMID>
    <Article>
      <Journal>
        <JournalIssue><Volume>12</Volume><Issue>4</Issue>
          <PubDate><MedlineDate>2014 Dec-2015 Jan</MedlineDate></PubDate>
        </JournalIssue>
        <Title>Journal of Things &amp; Stuff</Title>
        <ISOAbbreviation>J Things Stuff</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Effect of &#946;-blockers on H<sub>2</sub>O intake.</ArticleTitle>
      <Pagination><MedlinePgn>100-9</MedlinePgn></Pagination>
      <Abstract>
        <AbstractText Label="BACKGROUND">Why.</AbstractText>
        <AbstractText Label="RESULTS">What.</AbstractText>
      </Abstract>
      <AuthorList>
        <Author><LastName>Smith</LastName><ForeName>Anna B</ForeName></Author>
        <Author><LastName>Doe</LastName><Initials>J</Initials></Author>
        <Author><CollectiveName>The Trial Group</CollectiveName></Author>
      </AuthorList>
      <PublicationTypeList>
        <PublicationType UI="D016449">Randomized Controlled Trial</PublicationType>
      </PublicationTypeList>
    </Article>
    <MeshHeadingList>
      <MeshHeading><DescriptorName>Humans</DescriptorName></MeshHeading>
    </MeshHeadingList>
    <CommentsCorrectionsList>
      <CommentsCorrections RefType="CommentIn"><PMID>99999999</PMID></CommentsCorrections>
    </CommentsCorrectionsList>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList>
      <ArticleId IdType="pubmed">25000001</ArticleId>
      <ArticleId IdType="doi">https://doi.org/10.1000/abc.123</ArticleId>
      <ArticleId IdType="pmc">PMC42</ArticleId>
    </ArticleIdList>
  </PubmedData>
</PubmedArticle>
</PubmedArticleSet>
"#;

    #[test]
    fn reads_an_article_record() {
        let parsed = parse(ARTICLE_XML);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let [r] = parsed.references.as_slice() else {
            panic!("one record expected")
        };
        assert_eq!(r.key, "25000001");
        assert_eq!(r.pmid.as_deref(), Some("25000001"));
        assert_eq!(
            r.title.as_deref(),
            Some("Effect of β-blockers on H2O intake")
        );
        assert_eq!(r.container.as_deref(), Some("Journal of Things & Stuff"));
        assert_eq!((r.year, r.month, r.day), (Some(2014), Some(12), None));
        assert_eq!(r.volume.as_deref(), Some("12"));
        assert_eq!(r.issue.as_deref(), Some("4"));
        assert_eq!(r.pages.as_deref(), Some("100-9"));
        assert_eq!(r.doi.as_deref(), Some("10.1000/abc.123"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC42"));
        assert_eq!(
            r.abstract_text.as_deref(),
            Some("BACKGROUND: Why. RESULTS: What.")
        );
        assert_eq!(r.publication_types, ["Randomized Controlled Trial"]);
        assert_eq!(r.keywords, ["Humans"]);
        let names: Vec<String> = r.authors.iter().map(|p| p.to_string()).collect();
        assert_eq!(names, ["Smith Anna B", "Doe J", "The Trial Group"]);
        assert_eq!(r.position, Position::new(3, 1));
        assert_eq!(r.entry_type.as_deref(), Some("PubmedArticle"));
    }

    #[test]
    fn malformed_xml_keeps_the_records_before_it() {
        let text = "<PubmedArticleSet>\n\
            <PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>First</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n\
            <PubmedArticle><MedlineCitation><PMID>2</PMID>\n\
            <Article><ArticleTitle>Second</Title></Article>\n\
            </MedlineCitation></PubmedArticle>\n\
            </PubmedArticleSet>\n";
        let parsed = parse(text);
        assert_eq!(parsed.references.len(), 1);
        assert_eq!(parsed.references[0].title.as_deref(), Some("First"));
        assert_eq!(parsed.problems.len(), 1);
        let problem = &parsed.problems[0];
        assert_eq!(problem.kind, InputProblemKind::Unreadable);
        assert_eq!(problem.position.line, 4);
        assert!(problem.message.contains("Title"), "{}", problem.message);
    }

    #[test]
    fn a_truncated_record_is_reported_at_its_start() {
        let text = "<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><PMID>7</PMID>\n";
        let parsed = parse(text);
        assert!(parsed.references.is_empty());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].kind, InputProblemKind::Unreadable);
        assert_eq!(parsed.problems[0].position.line, 2);
        assert!(parsed.problems[0].message.contains("truncated record"));
    }

    #[test]
    fn other_xml_is_not_pubmed() {
        let parsed = parse("\u{feff}<article><front/></article>");
        assert!(parsed.references.is_empty());
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.problems[0].message.contains("<article>"));
    }

    #[test]
    fn mathml_in_abstract_and_ids_from_article_id_list() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/pubmed_xml/MedlineImporterTestMathML.xml"
        ));
        assert!(parsed.problems.is_empty());
        let r = &parsed.references[0];
        assert_eq!(r.title.as_deref(), Some("CellML 2.0"));
        assert_eq!(r.doi.as_deref(), Some("10.1515/jib-2020-0021"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC7756617"));
        assert_eq!((r.year, r.month, r.day), (Some(2020), Some(7), Some(24)));
        assert_eq!(r.authors.len(), 8);
        assert!(r.keywords.contains(&"Software".to_string()));
        let abstract_text = r.abstract_text.as_deref().unwrap_or_default();
        assert!(abstract_text.starts_with("Following are examples of MathML elements: η p 2"));
    }

    #[test]
    fn italics_in_titles_flatten() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/pubmed_xml/MedlineImporterTestArticleItalics.xml"
        ));
        let r = &parsed.references[0];
        assert_eq!(
            r.title.as_deref(),
            Some("Genome-wide significant risk factors on chromosome 19 and the APOE locus")
        );
        assert_eq!(r.container.as_deref(), Some("Oncotarget"));
        assert_eq!(r.pages.as_deref(), Some("24590-24600"));

        let parsed = parse(include_str!("../../tests/fixtures/pubmed_xml/38591913.xml"));
        let r = &parsed.references[0];
        assert_eq!(
            r.title.as_deref(),
            Some("Siderophore-mediated iron acquisition by Klebsiella pneumoniae")
        );
        assert_eq!(r.doi.as_deref(), Some("10.1128/jb.00024-24"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC11112993"));
    }

    #[test]
    fn book_articles_and_an_empty_one() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/pubmed_xml/MedlineImporterTestBookArticleSet.xml"
        ));
        assert_eq!(parsed.references.len(), 2);
        let book = &parsed.references[0];
        assert_eq!(book.title.as_deref(), Some("Title for some article"));
        assert_eq!(
            book.container.as_deref(),
            Some("Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults")
        );
        assert_eq!(book.year, Some(2009));
        assert_eq!(book.doi.as_deref(), Some("10.3275/8949"));
        assert_eq!(book.publication_types, ["Review", "Practice Guideline"]);
        assert_eq!(
            book.authors[0].family,
            "National Collaborating Centre for Chronic Conditions (UK)"
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].kind, InputProblemKind::UnparsedReference);
        assert_eq!(parsed.problems[0].position.line, 67);
        assert_eq!(parsed.problems[0].reference.as_deref(), Some("21413195"));
    }

    #[test]
    fn medline_date_season_gives_the_year() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/pubmed_xml/MedlineImporterTestKeywordSingleEntry.xml"
        ));
        let r = &parsed.references[0];
        assert_eq!((r.year, r.month), (Some(1999), None));
        assert_eq!(
            r.keywords,
            [
                "apnea syndrome",
                "cardiovascular disease",
                "self management"
            ]
        );
    }

    #[test]
    fn trial_publication_types_and_empty_set() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/pubmed_xml/pubmed-29768149.xml"
        ));
        let r = &parsed.references[0];
        assert_eq!(r.key, "29768149");
        assert!(r
            .publication_types
            .contains(&"Randomized Controlled Trial".to_string()));
        assert_eq!(r.doi.as_deref(), Some("10.1056/NEJMoa1715274"));
        assert!(r
            .abstract_text
            .as_deref()
            .unwrap_or_default()
            .starts_with("BACKGROUND: In patients"));

        let empty = parse(include_str!("../../tests/fixtures/pubmed_xml/37909814.xml"));
        assert!(empty.references.is_empty());
        assert!(empty.problems.is_empty());
    }
}

use std::io::Write;

use super::*;

/// A minimal .docx: `body` is the inside of `<w:body>`; `parts` are extra (name, xml) parts.
pub(super) fn docx(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    for (name, xml) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn p(style: &str, runs: &str) -> String {
    let properties = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!("<w:p>{properties}{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn sup(text: &str) -> String {
    format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{text}</w:t></w:r>"#)
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn read_docx(bytes: &[u8]) -> Article {
    let mut article = Article::default();
    read(bytes, &mut article);
    article
}

fn cited(a: &Article) -> Vec<(String, String, usize, usize)> {
    a.citations
        .iter()
        .map(|c| {
            (
                c.key.clone(),
                c.marker.clone(),
                c.position.line,
                c.position.column,
            )
        })
        .collect()
}

#[test]
fn paragraphs_headings_superscripts_and_the_reference_list() {
    let body = [
        p("Title", &r("Statins for prevention")),
        p("Heading1", &r("Statins prevent all heart attacks")),
        p(
            "",
            &format!("{}{}{}", r("Statins lower LDL"), sup("1,3"), sup("-5")),
        ),
        p(
            "",
            &format!("{}{}{}", r("Doses are per m"), sup("2"), r(" of skin [2].")),
        ),
        p("", ""),
        p("Heading1", &r("References")),
        p(
            "",
            &r("1. Smith AB. Statins in practice. Lancet. 2015;3:1-9."),
        ),
        p("ListParagraph", &r("[2] Lee C. Aspirin. BMJ. 2001;2:4.")),
    ]
    .concat();
    let a = read_docx(&docx(&body, &[]));
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    assert_eq!(a.title.as_deref(), Some("Statins for prevention"));
    assert_eq!(a.lines.len(), 8);
    assert_eq!(a.lines[2], "Statins lower LDL1,3-5");
    let texts: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Statins lower LDL[1,3-5]", "Doses are per m2 of skin [2]."]
    );
    assert_eq!(
        a.sentences[0].section.as_deref(),
        Some("Statins prevent all heart attacks")
    );
    let keys: Vec<(&str, usize, usize)> = a
        .citations
        .iter()
        .map(|c| (c.key.as_str(), c.position.line, c.position.column))
        .collect();
    assert_eq!(
        keys,
        [
            ("1", 3, 18),
            ("3", 3, 18),
            ("4", 3, 18),
            ("5", 3, 18),
            ("2", 4, 26)
        ]
    );
    assert_eq!(a.citations[0].marker, "1,3-5");
    let refs: Vec<(&str, usize, usize)> = a
        .references
        .iter()
        .map(|r| (r.key.as_str(), r.position.line, r.position.column))
        .collect();
    assert_eq!(refs, [("1", 7, 4), ("2", 8, 5)]);
    assert_eq!(a.references[0].year, Some(2015));
}

#[test]
fn list_numbering_keys_the_references() {
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let numbered = |text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr>{}</w:p>"#,
            r(text)
        )
    };
    let body = [
        p("", &r("Pain fell [1, 2].")),
        p("", &r("Bibliography")),
        numbered("Smith AB. Statins. Lancet. 2015;3:1-9."),
        numbered("Lee C. Aspirin. BMJ. 2001;2:4."),
    ]
    .concat();
    let a = read_docx(&docx(&body, &[("word/numbering.xml", &numbering)]));
    let keys: Vec<&str> = a.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["1", "2"]);
    assert_eq!(a.references[1].position, Position::new(4, 1));
}

#[test]
fn footnotes_holding_references_are_cited_and_others_are_text() {
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Smith AB, Jones C. Statins in practice. Lancet. 2015;3:1-9.</w:t></w:r></w:p></w:footnote><w:footnote w:id="3"><w:p><w:r><w:t>Opioids should be avoided.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let mark = |id: &str| {
        format!(
            r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
        )
    };
    let body = p(
        "",
        &format!(
            "{}{}{}{}",
            r("Statins work."),
            mark("2"),
            r(" Pain eases."),
            mark("3")
        ),
    );
    let a = read_docx(&docx(&body, &[("word/footnotes.xml", &footnotes)]));
    assert_eq!(
        cited(&a),
        [("fn1".to_string(), "footnote 1".to_string(), 1, 14)]
    );
    assert_eq!(a.citations[0].sentence, 0);
    assert_eq!(a.references.len(), 1);
    assert_eq!(a.references[0].key, "fn1");
    assert_eq!(a.references[0].year, Some(2015));
    let texts: Vec<(&str, Position)> = a
        .sentences
        .iter()
        .map(|s| (s.text.as_str(), s.position))
        .collect();
    assert_eq!(
        texts,
        [
            ("Statins work.[1]", Position::new(1, 1)),
            ("Pain eases.", Position::new(1, 15)),
            ("Opioids should be avoided.", Position::new(1, 26)),
        ]
    );
}

#[test]
fn a_file_that_is_not_a_word_document_is_a_problem() {
    for bytes in [
        b"not a zip at all".to_vec(),
        Vec::new(),
        docx("", &[]).into_iter().take(40).collect(),
    ] {
        let a = read_docx(&bytes);
        assert_eq!(a.problems.len(), 1);
        assert_eq!(a.problems[0].kind, InputProblemKind::Unreadable);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/other.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    let no_document = zip.finish().unwrap().into_inner();
    assert!(read_docx(&no_document).problems[0]
        .message
        .contains("document.xml"));
    let broken = docx("<w:p><w:r>", &[]);
    assert_eq!(
        read_docx(&broken).problems[0].kind,
        InputProblemKind::Unreadable
    );
    let bad_styles = docx(&p("", &r("Text.")), &[("word/styles.xml", "<w:styles")]);
    let a = read_docx(&bad_styles);
    assert_eq!(a.problems[0].kind, InputProblemKind::PartlyRead);
    assert_eq!(a.sentences.len(), 1);
}

#[test]
fn exponents_are_not_citations() {
    let text: Vec<char> = "BMI 30 kg/m2 and 5x102 cells pain12 symptom3"
        .chars()
        .collect();
    let span = |from: usize, len: usize| from..from + len;
    assert!(!is_citation(&text, &span(11, 1)));
    assert!(!is_citation(&text, &span(21, 1)));
    assert!(is_citation(&text, &span(33, 2)));
    assert!(is_citation(&text, &span(43, 1)));
}

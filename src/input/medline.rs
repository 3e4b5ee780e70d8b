//! PubMed's MEDLINE text format (`.nbib`, `.medline`, "Send to: File, MEDLINE"): records of
//! `TAG - value` lines with four-character tags, values continuing on six-space indented lines,
//! records separated by blank lines.
//!
//! Both the current layout and the older one (`DA` dates, upper-case `JOURNAL ARTICLE`) are read,
//! as is PMC's MEDLARS display, where each record opens with a `PMC -` line before its `PMID-`.
//! The key of a reference is its PMID. Field reference:
//! <https://www.nlm.nih.gov/bsd/mms/medlineelements.html>.

use std::sync::LazyLock;

use regex::Regex;

use crate::input::fields::{self, first_by_priority, tagged_values, PartialDate, TaggedField};
use crate::input::Parsed;
use crate::model::{InputProblemKind, Person, Position, Reference};

/// `PMID- 123`, `AU  - Smith J`, `AB  -` (empty): a tag of up to four characters, padded.
static TAG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][A-Z0-9]{1,3}) {0,3}-(?: (.*)|\s*)$").expect("tag pattern compiles")
});

/// Read every MEDLINE record in `text`.
pub fn parse(text: &str) -> Parsed {
    let mut reader = Reader::default();
    for (number, line) in fields::numbered_lines(text) {
        reader.line(number, line);
    }
    reader.close();
    reader.parsed
}

#[derive(Debug)]
struct Record {
    line: usize,
    fields: Vec<TaggedField>,
}

#[derive(Default)]
struct Reader {
    current: Option<Record>,
    parsed: Parsed,
}

impl Reader {
    fn line(&mut self, number: usize, line: &str) {
        let line = line.trim_start_matches('\u{feff}').trim_end();
        if line.is_empty() {
            self.close();
            return;
        }
        if let Some(caps) = TAG_LINE.captures(line) {
            let tag = caps.get(1).map_or("", |m| m.as_str());
            let value = caps.get(2).map_or("", |m| m.as_str().trim());
            self.tagged(number, tag, value);
        } else if let Some(last) = self.current.as_mut().and_then(|r| r.fields.last_mut()) {
            // Continuation lines are indented by six spaces; an unindented one is taken as
            // continuation too rather than lost.
            last.value.push(' ');
            last.value.push_str(line.trim());
        }
        // Anything else outside a record is a header or other furniture: skipped.
    }

    fn tagged(&mut self, number: usize, tag: &str, value: &str) {
        // A second PMID means the blank line between two records went missing.
        let second_pmid = tag == "PMID"
            && self
                .current
                .as_ref()
                .is_some_and(|r| r.fields.iter().any(|f| f.tag == "PMID"));
        if second_pmid {
            self.close();
        }
        let record = self.current.get_or_insert_with(|| Record {
            line: number,
            fields: Vec::new(),
        });
        record.fields.push(TaggedField::new(tag, value));
    }

    fn close(&mut self) {
        let Some(record) = self.current.take() else {
            return;
        };
        let ordinal = self.parsed.references.len() + 1;
        let reference = build(&record, ordinal);
        if reference.pmid.is_none() {
            let message = format!(
                "MEDLINE record at line {} has no PMID line; it may be truncated",
                record.line
            );
            self.parsed.problems.push(fields::problem(
                InputProblemKind::Unreadable,
                reference.position,
                message,
                Some(reference.key.clone()),
            ));
        }
        let unparsed = fields::unparsed(&reference, || {
            format!(
                "MEDLINE record at line {} has neither a title (TI) nor a year (DP)",
                record.line
            )
        });
        self.parsed.problems.extend(unparsed);
        self.parsed.references.push(reference);
    }
}

fn build(record: &Record, ordinal: usize) -> Reference {
    let pmid = first_by_priority(&record.fields, &["PMID"]);
    let date = first_by_priority(&record.fields, &["DP"])
        .map(|dp| parse_date(&dp))
        .filter(|d| d.year.is_some())
        .or_else(|| first_by_priority(&record.fields, &["DEP"]).map(|dep| compact_date(&dep)))
        .unwrap_or_default();
    Reference {
        key: pmid.clone().unwrap_or_else(|| ordinal.to_string()),
        authors: authors(record),
        title: tagged_values(&record.fields, &["TI"])
            .chain(tagged_values(&record.fields, &["BTI"]))
            .find_map(title),
        container: first_by_priority(&record.fields, &["JT", "TA"]),
        year: date.year,
        month: date.month,
        day: date.day,
        volume: first_by_priority(&record.fields, &["VI"]),
        issue: first_by_priority(&record.fields, &["IP"]),
        pages: first_by_priority(&record.fields, &["PG"]),
        doi: identifier(record, "doi").and_then(|d| fields::doi(&d)),
        pmid,
        pmcid: first_by_priority(&record.fields, &["PMC"]).and_then(|p| fields::pmcid(&p)),
        url: None,
        entry_type: None,
        keywords: tagged_values(&record.fields, &["MH", "OT"])
            .filter_map(fields::non_empty)
            .collect(),
        publication_types: tagged_values(&record.fields, &["PT"])
            .filter_map(fields::non_empty)
            .collect(),
        abstract_text: first_by_priority(&record.fields, &["AB"]),
        source_label: None,
        position: Position::new(record.line, 1),
        source: None,
        raw: raw(record),
    }
}

/// MEDLINE brackets titles translated into English: "[Treatment of X]." reads "Treatment of X".
fn title(value: &str) -> Option<String> {
    let cleaned = fields::clean_title(value)?;
    let unbracketed = cleaned
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .filter(|t| !t.contains('[') && !t.contains(']'));
    match unbracketed {
        Some(inner) => fields::clean_title(inner),
        None => Some(cleaned),
    }
}

/// Full names (`FAU`, "Family, Given") when the record has them, else the short `AU` form
/// ("Family AB"). Group authors (`CN`) keep their place in either list.
fn authors(record: &Record) -> Vec<Person> {
    let has_full = record.fields.iter().any(|f| f.tag == "FAU");
    let tags: &[&str] = if has_full {
        &["FAU", "CN"]
    } else {
        &["AU", "CN"]
    };
    record
        .fields
        .iter()
        .filter(|f| tags.contains(&f.tag.as_str()))
        .filter_map(|f| match f.tag.as_str() {
            "CN" => fields::non_empty(&f.value).map(|family| Person {
                family,
                given: None,
            }),
            _ => fields::parse_person(&f.value),
        })
        .collect()
}

/// `DP`: "2015", "2015 Mar 12", "2015 Spring", "2015 Sep-Oct", "2014 Dec-2015 Jan",
/// "2015 Dec 15-31". The start of a range is taken; seasons give no month.
fn parse_date(value: &str) -> PartialDate {
    let mut words = value.split_whitespace();
    let year = words.next().and_then(fields::year_in);
    let month = words
        .next()
        .and_then(|w| w.split('-').next())
        .and_then(fields::month)
        .filter(|_| year.is_some());
    let day = words
        .next()
        .and_then(|w| w.split('-').next())
        .and_then(fields::day)
        .filter(|_| month.is_some());
    PartialDate { year, month, day }
}

/// `DEP - 20180330`, used when `DP` gives no year.
fn compact_date(value: &str) -> PartialDate {
    let value = value.trim();
    let part = |range: std::ops::Range<usize>| value.get(range);
    let year = part(0..4).and_then(fields::year_in);
    let month = part(4..6).and_then(fields::month);
    let day = part(6..8).and_then(fields::day).filter(|_| month.is_some());
    PartialDate { year, month, day }
}

/// The article identifier of `kind` ("doi", "pii"): from `AID` first, then `LID`.
fn identifier(record: &Record, kind: &str) -> Option<String> {
    let suffix = format!("[{kind}]");
    tagged_values(&record.fields, &["AID"])
        .chain(tagged_values(&record.fields, &["LID"]))
        .find_map(|v| {
            v.trim()
                .strip_suffix(suffix.as_str())
                .and_then(fields::non_empty)
        })
}

/// The identifying fields of the record on one line.
fn raw(record: &Record) -> String {
    const SHOWN: &[&str] = &["PMID", "TI", "AU", "CN", "DP", "SO"];
    fields::tagged_raw(&record.fields, SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(parsed: &Parsed) -> Vec<(InputProblemKind, usize)> {
        parsed
            .problems
            .iter()
            .map(|p| (p.kind, p.position.line))
            .collect()
    }

    #[test]
    fn publication_dates_take_the_start_of_a_range() {
        let date = |dp: &str| {
            let d = parse_date(dp);
            (d.year, d.month, d.day)
        };
        assert_eq!(date("2015 Mar 12"), (Some(2015), Some(3), Some(12)));
        assert_eq!(date("2015 Spring"), (Some(2015), None, None));
        assert_eq!(date("2014 Dec-2015 Jan"), (Some(2014), Some(12), None));
        assert_eq!(date("2015 Sep-Oct"), (Some(2015), Some(9), None));
        assert_eq!(date("2015 Dec 15-31"), (Some(2015), Some(12), Some(15)));
        assert_eq!(date("Spring"), (None, None, None));
    }

    #[test]
    fn reads_an_older_style_record() {
        let parsed = parse(
            "PMID- 10974959\nOWN - NLM\nSTAT- MEDLINE\nDA  - 20000927\nVI  - 176\n\
             DP  - 2000 Jun\nTI  - Cost-effectiveness of intensive v. standard case management\n      \
             for severe psychotic illness.\nPG  - 537-43\nAU  - Byford S\nAU  - Fiander M\n\
             CN  - UK700 Group\nLA  - eng\nPT  - CLINICAL TRIAL\nPT  - JOURNAL ARTICLE\n\
             TA  - Br J Psychiatry\nMH  - Adult\nMH  - Case Management/*economics\n\
             SO  - Br J Psychiatry 2000 Jun;176:537-43.\n",
        );
        assert!(parsed.problems.is_empty());
        let r = &parsed.references[0];
        assert_eq!(r.key, "10974959");
        assert_eq!(r.pmid.as_deref(), Some("10974959"));
        assert_eq!(
            r.title.as_deref(),
            Some("Cost-effectiveness of intensive v. standard case management for severe psychotic illness")
        );
        assert_eq!((r.year, r.month, r.day), (Some(2000), Some(6), None));
        let names: Vec<String> = r.authors.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["Byford S", "Fiander M", "UK700 Group"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("S"));
        assert_eq!(r.publication_types, ["CLINICAL TRIAL", "JOURNAL ARTICLE"]);
        assert_eq!(r.container.as_deref(), Some("Br J Psychiatry"));
        assert_eq!(r.keywords, ["Adult", "Case Management/*economics"]);
        assert_eq!(
            (r.volume.as_deref(), r.pages.as_deref()),
            (Some("176"), Some("537-43"))
        );
        assert!(r
            .raw
            .starts_with("PMID- 10974959; DP  - 2000 Jun; TI  - Cost-effectiveness"));
    }

    #[test]
    fn translated_titles_lose_their_brackets() {
        let parsed = parse("PMID- 1\nTI  - [Treatment of gout].\nDP  - 1999\n");
        assert_eq!(
            parsed.references[0].title.as_deref(),
            Some("Treatment of gout")
        );
    }

    #[test]
    fn a_second_pmid_starts_a_record_even_without_a_blank_line() {
        let parsed = parse("PMID- 1\nTI  - One.\nDP  - 2001\nPMID- 2\nTI  - Two.\nDP  - 2002\n");
        let keys: Vec<_> = parsed.references.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["1", "2"]);
        assert_eq!(parsed.references[1].position, Position::new(4, 1));
    }

    #[test]
    fn records_without_pmid_or_title_and_year_are_reported() {
        let parsed =
            parse("TI  - Lost its PMID.\nDP  - 2001\n\nPMID- 7\nAB  - Only an abstract.\n");
        assert_eq!(parsed.references.len(), 2);
        assert_eq!(parsed.references[0].key, "1");
        assert_eq!(
            problems(&parsed),
            [
                (InputProblemKind::Unreadable, 1),
                (InputProblemKind::UnparsedReference, 4)
            ]
        );
        assert_eq!(parsed.problems[1].reference.as_deref(), Some("7"));
    }

    #[test]
    fn pubmed_export_with_crlf() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/medline/pubmed-balloongui-set.nbib"
        ));
        assert!(parsed.problems.is_empty());
        let refs = &parsed.references;
        assert_eq!(refs.len(), 75);
        assert!(refs.iter().all(|r| r.title.is_some() && r.year.is_some()));
        assert!(refs.iter().all(|r| !r.publication_types.is_empty()));
        let first = &refs[0];
        assert_eq!(first.key, "30776994");
        assert_eq!(
            first.title.as_deref(),
            Some("Impact of Balloon Guide Catheter Use on Clinical and Angiographic Outcomes in the STRATIS Stroke Thrombectomy Registry")
        );
        assert_eq!((first.year, first.month), (Some(2019), Some(3)));
        assert_eq!(first.container.as_deref(), Some("Stroke"));
        assert_eq!(
            (first.volume.as_deref(), first.issue.as_deref()),
            (Some("50"), Some("3"))
        );
        assert_eq!(first.pages.as_deref(), Some("697-704"));
        assert_eq!(first.doi.as_deref(), Some("10.1161/STROKEAHA.118.021126"));
        assert_eq!(first.authors.len(), 65);
        assert_eq!(first.authors[0].family, "Zaidat");
        assert_eq!(first.authors[0].given.as_deref(), Some("Osama O"));
        assert_eq!(refs[1].position.line, 284);
        assert_eq!(refs[74].key, "32054612");
        assert_eq!(refs[74].position.line, 8387);
    }

    #[test]
    fn single_record_matches_its_copy_in_the_set() {
        let single = parse(include_str!("../../tests/fixtures/medline/single.nbib"));
        let r = &single.references[0];
        assert_eq!(r.key, "28754806");
        assert_eq!(
            r.title.as_deref(),
            Some("Impact of balloon guide catheter on technical and clinical outcomes: a systematic review and meta-analysis")
        );
        assert_eq!(r.doi.as_deref(), Some("10.1136/neurintsurg-2017-013179"));
    }

    #[test]
    fn pmc_medlars_records_start_at_their_pmc_line() {
        let parsed = parse(include_str!("../../tests/fixtures/medline/pmc_medlars.txt"));
        assert!(parsed.problems.is_empty());
        let refs = &parsed.references;
        assert_eq!(refs.len(), 5);
        assert_eq!(refs[0].key, "30042925");
        assert_eq!(refs[0].pmcid.as_deref(), Some("PMC6055010"));
        assert_eq!(refs[0].position.line, 2);
        // The doi comes from the AID line, not the pii before it.
        assert_eq!(refs[0].doi.as_deref(), Some("10.1016/j.mex.2018.03.007"));
        assert_eq!(refs[0].abstract_text, None);
        assert_eq!(refs[1].position.line, 47);
        assert_eq!(refs[1].pmcid.as_deref(), Some("PMC6088416"));
    }

    #[test]
    fn group_authors_keywords_and_types() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/medline/NbibImporterTest.nbib"
        ));
        let r = &parsed.references[0];
        let families: Vec<_> = r.authors.iter().map(|p| p.family.as_str()).collect();
        assert_eq!(
            families,
            ["Shruthi", "Vinodhkumar", "Selvamani", "corporater"]
        );
        assert_eq!(r.authors[0].given.as_deref(), Some("Basavaradhya Sahukar"));
        assert_eq!(r.keywords.len(), 5);
        assert_eq!(r.publication_types, ["Journal Article", "Review"]);
        assert_eq!(
            r.title.as_deref(),
            Some("Proteomics: A new perspective for cancer")
        );
        assert_eq!(r.container.as_deref(), Some("Advanced biomedical research"));
        assert_eq!(r.doi.as_deref(), Some("10.4103/2277-9175.180636"));
    }

    #[test]
    fn day_precision_dates() {
        let parsed = parse(include_str!(
            "../../tests/fixtures/medline/manubot_bibliography.nbib"
        ));
        let refs = &parsed.references;
        assert_eq!(refs.len(), 2);
        assert_eq!(
            (refs[0].year, refs[0].month, refs[0].day),
            (Some(2018), Some(3), Some(1))
        );
        assert_eq!(
            (refs[1].year, refs[1].month, refs[1].day),
            (Some(2017), Some(4), None)
        );
        assert_eq!(refs[1].position.line, 94);
    }
}

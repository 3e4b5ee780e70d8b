use super::*;
use crate::model::{InputProblemKind, Person, Position};

fn family_names(reference: &Reference) -> Vec<&str> {
    reference
        .authors
        .iter()
        .map(|a| a.family.as_str())
        .collect()
}

fn person(family: &str, given: Option<&str>) -> Person {
    Person {
        family: family.to_string(),
        given: given.map(str::to_string),
    }
}

fn only(text: &str) -> Reference {
    let mut parsed = parse(text);
    assert_eq!(parsed.references.len(), 1, "{:?}", parsed.problems);
    parsed.references.remove(0)
}

#[test]
fn string_macros_concatenation_and_months() {
    let r = only(
        "@string{ JPain = {Journal of} }\n\
         @STRING(pain = \"Pain\")\n\
         @article{k, journal = JPain # { } # pain, title = \"A\" # {B}, year = 2015, month = mar}",
    );
    assert_eq!(r.container.as_deref(), Some("Journal of Pain"));
    assert_eq!(r.title.as_deref(), Some("AB"));
    assert_eq!((r.year, r.month), (Some(2015), Some(3)));
}

#[test]
fn macros_may_be_defined_after_use_and_undefined_ones_are_kept() {
    let parsed = parse("@article{a, journal = bmj, year = 2001}\n@string{bmj = {BMJ}}\n@article{b, journal = jomch, year = 2002}");
    assert_eq!(parsed.references[0].container.as_deref(), Some("BMJ"));
    assert_eq!(parsed.references[1].container.as_deref(), Some("jomch"));
}

#[test]
fn crossref_child_inherits_from_a_parent_defined_later() {
    let parsed = parse(
        "@inproceedings{child, author = {Doe, Jane}, title = {Paper}, crossref = {proc}, pages = {1--9}}\n\
         @proceedings{proc, title = {Proceedings of Pain 2019}, year = 2019, publisher = {ACM},\n  doi = {10.1/proc}}\n",
    );
    let child = &parsed.references[0];
    assert_eq!(child.title.as_deref(), Some("Paper"));
    assert_eq!(child.container.as_deref(), Some("Proceedings of Pain 2019"));
    assert_eq!(child.year, Some(2019));
    assert_eq!(child.pages.as_deref(), Some("1-9"));
    // The proceedings' DOI names the proceedings, not the paper.
    assert_eq!(child.doi, None);
    assert_eq!(parsed.references[1].doi.as_deref(), Some("10.1/proc"));
}

#[test]
fn latex_accents_commands_and_protective_braces() {
    let r = only(
        r#"@article{k,
  author = {M{\"u}ller, J{\"o}rg and {\aa}berg, S\'ebastien and Nutt, D},
  title = {{Gabapentin} in \textit{central} pain: \emph{a} {\"U}bersicht \& r{\^o}le.},
  year = {2015}}"#,
    );
    assert_eq!(
        r.authors,
        vec![
            person("Müller", Some("Jörg")),
            person("åberg", Some("Sébastien")),
            person("Nutt", Some("D"))
        ]
    );
    assert_eq!(
        r.title.as_deref(),
        Some("Gabapentin in central pain: a Übersicht & rôle")
    );
}

#[test]
fn entry_syntax_variants() {
    let parsed = parse(
        "@book {spaced,\n  title = \"Quoted {\\\"u} value\",\n  year = \"1999\"\n}\n\
         @Article(paren, title = {Paren (delimited)}, year = 2000,)\n\
         @misc{keyonly}\n",
    );
    let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["spaced", "paren", "keyonly"]);
    assert_eq!(
        parsed.references[0].title.as_deref(),
        Some("Quoted ü value")
    );
    assert_eq!(parsed.references[0].entry_type.as_deref(), Some("book"));
    assert_eq!(
        parsed.references[1].title.as_deref(),
        Some("Paren (delimited)")
    );
    assert_eq!(parsed.references[1].entry_type.as_deref(), Some("article"));
    // `keyonly` has neither title nor year.
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].kind, InputProblemKind::UnparsedReference);
    assert_eq!(parsed.problems[0].position, Position::new(6, 1));
}

#[test]
fn comments_preamble_and_free_text_are_skipped() {
    let parsed = parse(
        "Free text, mail me at someone@example.org or {there\n\
         @Preamble{ \"\\newcommand{\\noopsort}[1]{}\" }\n\
         @Comment{jabref-meta: databaseType:biblatex;}\n\
         @comment{ nested {braces} here }\n\
         @article{a, title = {Only one}, year = 2020}\n\
         Trailing text.\n",
    );
    assert_eq!(parsed.references.len(), 1);
    assert_eq!(parsed.references[0].position, Position::new(5, 1));
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
}

#[test]
fn percent_comments_between_fields_are_skipped_and_kept_in_values() {
    let parsed = parse(
        "@article{a, % citegrade: ignore CG201\n\
         \x20 title = {Half % of {all} patients}, % a note\n\
         \x20 % a line of its own\n\
         \x20 note = \"50% \\% less\"\n\
         \x20 % before the close\n\
         }\n\
         @article{b % after the key\n\
         , year = 2020 % after a value\n\
         }\n\
         @article{c%right after the key\n\
         , year = 2021}\n\
         @string{j = {J} % after a string\n\
         }\n",
    );
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let [a, b, c] = &parsed.references[..] else {
        panic!("{:?}", parsed.references);
    };
    assert_eq!(a.title.as_deref(), Some("Half % of all patients"));
    assert_eq!((b.key.as_str(), b.year), ("b", Some(2020)));
    assert_eq!((c.key.as_str(), c.year), ("c", Some(2021)));
}

#[test]
fn biblatex_dates_and_bibtex_year_month() {
    let parsed = parse(
        "@article{a, date = {2015-03}, journaltitle = {Pain}}\n\
         @article{b, date = {2019-11-02/2020-01-01}}\n\
         @article{c, year = {2018}, month = {4}, day = {25}, journal = {J}}\n\
         @article{d, year = {in press 2021a}, month = {Sept.}}\n\
         @article{e, date = {circa 1990}}\n",
    );
    let dates: Vec<_> = parsed
        .references
        .iter()
        .map(|r| (r.year, r.month, r.day))
        .collect();
    assert_eq!(
        dates,
        [
            (Some(2015), Some(3), None),
            (Some(2019), Some(11), Some(2)),
            (Some(2018), Some(4), Some(25)),
            (Some(2021), Some(9), None),
            (Some(1990), None, None),
        ]
    );
    assert_eq!(parsed.references[0].container.as_deref(), Some("Pain"));
}

#[test]
fn author_forms() {
    let r = only(
        "@article{k, year = 2000, author = {Jan {van der Berg} and {van der Berg}, Jan and \
         Ludwig van Beethoven and {World Health Organization} and Reagle, Jr., Joseph M. and \
         Fulton, James E., Jr. and Smith~J. and others}}",
    );
    assert_eq!(
        r.authors,
        vec![
            person("van der Berg", Some("Jan")),
            person("van der Berg", Some("Jan")),
            person("van Beethoven", Some("Ludwig")),
            person("World Health Organization", None),
            person("Reagle Jr.", Some("Joseph M.")),
            person("Fulton Jr.", Some("James E.")),
            person("J.", Some("Smith")),
        ]
    );
}

#[test]
fn editors_stand_in_for_missing_authors() {
    let r = only("@book{k, editor = {Roe, Ann and Poe, Bo}, title = {Handbook}, year = 2010}");
    assert_eq!(family_names(&r), ["Roe", "Poe"]);
}

#[test]
fn identifiers_are_normalised() {
    let parsed = parse(
        "@article{a, doi = {https://doi.org/10.1056/NEJMoa2034577.}, eprint = {33301246}, eprinttype = {pubmed},\n pmcid = {7745181}, url = {http://x.org/a\\_b}}\n\
         @article{b, url = {https://dx.doi.org/10.1001/jama.2020.1}, pmid = {PMID: 123}, pmcid = {pmc55}}\n\
         @article{c, doi = {not a doi}}\n",
    );
    let a = &parsed.references[0];
    assert_eq!(a.doi.as_deref(), Some("10.1056/NEJMoa2034577"));
    assert_eq!(a.pmid.as_deref(), Some("33301246"));
    assert_eq!(a.pmcid.as_deref(), Some("PMC7745181"));
    assert_eq!(a.url.as_deref(), Some("http://x.org/a_b"));
    let b = &parsed.references[1];
    assert_eq!(b.doi.as_deref(), Some("10.1001/jama.2020.1"));
    assert_eq!(b.pmid.as_deref(), Some("123"));
    assert_eq!(b.pmcid.as_deref(), Some("PMC55"));
    assert_eq!(parsed.references[2].doi.as_deref(), Some("notadoi"));
}

#[test]
fn keywords_types_abstract_and_raw() {
    let r = only(
        "@Report{k, title = {T}, year = 2001, keywords = {pain; thalamus, stroke ;},\n\
         type = {Randomized Controlled Trial}, pubstate = {inpress}, note = {Epub ahead of print},\n\
         abstract = {Background:   we\n   studied.}}",
    );
    assert_eq!(r.keywords, ["pain", "thalamus", "stroke"]);
    assert_eq!(
        r.publication_types,
        ["Randomized Controlled Trial", "inpress"]
    );
    assert_eq!(r.entry_type.as_deref(), Some("report"));
    assert_eq!(r.abstract_text.as_deref(), Some("Background: we studied."));
    assert!(r.raw.starts_with("@Report{k, title = {T}"));
    assert!(r.raw.contains("note = {Epub ahead of print}"));
    assert!(!r.raw.contains('\n'));
}

#[test]
fn unbalanced_braces_skip_only_their_entry() {
    let text = "@article{first, title = {Fine}, year = 2001}\n\
                \n\
                @article{swallows, title = {Never {closed, year = 2002}\n\
                @article{second, title = {Read anyway}, year = 2003}\n\
                @article{unclosed, title = {Closed}, year = 2004\n\
                @article{third, title = {Read too}, year = 2005}\n";
    let parsed = parse(text);
    let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["first", "second", "third"]);
    assert_eq!(parsed.problems.len(), 2);
    let swallows = &parsed.problems[0];
    assert_eq!(swallows.kind, InputProblemKind::Unreadable);
    assert_eq!(swallows.position, Position::new(3, 1));
    assert_eq!(swallows.reference.as_deref(), Some("swallows"));
    assert!(
        swallows
            .message
            .contains("`title` (opened at line 3) is not closed before the entry at line 4"),
        "{}",
        swallows.message
    );
    let unclosed = &parsed.problems[1];
    assert_eq!(
        (unclosed.kind, unclosed.position.line),
        (InputProblemKind::Unreadable, 5)
    );
    assert!(
        unclosed
            .message
            .contains("the next entry at line 6 (unbalanced braces: this entry is not closed)"),
        "{}",
        unclosed.message
    );
}

#[test]
fn syntax_errors_and_truncation_are_reported_with_their_lines() {
    let text = "@article{a, title = {A} year = 2001}\n\
                @article{b, title = {B}, year = 2002}\n\
                @article{c, title = {C},\n  year = 2003\n\
                @article{d, title = {D}, year = 2004}\n\
                @article{e, title = {Truncated";
    let parsed = parse(text);
    let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["b", "d"]);
    let problems: Vec<(usize, Option<&str>)> = parsed
        .problems
        .iter()
        .map(|p| (p.position.line, p.reference.as_deref()))
        .collect();
    assert_eq!(problems, [(1, Some("a")), (3, Some("c")), (6, Some("e"))]);
    assert!(parsed.problems[0]
        .message
        .contains("expected `,` or `}` after a field, found `y` at line 1"));
    assert!(parsed.problems[2]
        .message
        .contains("not closed at the end of the file"));
}

#[test]
fn missing_key_and_bom() {
    let parsed = parse("\u{feff}@article{, title = {No key}, year = 2000}\n@article{title = {Forgot the key}, year = 2001}");
    let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["1", "2"]);
    assert_eq!(
        parsed.references[1].title.as_deref(),
        Some("Forgot the key")
    );
    assert_eq!(parsed.references[0].position, Position::new(1, 1));
}

#[test]
fn chocolate_biblatex_fixture() {
    let parsed = parse(include_str!("../../../tests/fixtures/bibtex/Chocolate.bib"));
    assert_eq!(parsed.references.len(), 15);
    assert!(parsed.problems.is_empty());
    let corti = &parsed.references[0];
    assert_eq!(corti.key, "Corti_2009");
    assert_eq!(
        corti.title.as_deref(),
        Some("Cocoa and Cardiovascular Health")
    );
    assert_eq!(corti.container.as_deref(), Some("Circulation"));
    assert_eq!((corti.year, corti.month), (Some(2009), Some(3)));
    assert_eq!(
        corti.doi.as_deref(),
        Some("10.1161/circulationaha.108.827022")
    );
    assert_eq!(corti.pages.as_deref(), Some("1433-1441"));
    assert_eq!(
        family_names(corti),
        ["Corti", "Flammer", "Hollenberg", "Lüscher"]
    );
    let ding = parsed
        .references
        .iter()
        .find(|r| r.key == "Ding_2006")
        .unwrap();
    assert_eq!(ding.container.as_deref(), Some("Nutrition & Metabolism"));
    let fulton = parsed.references.last().unwrap();
    assert_eq!(
        fulton.title.as_deref(),
        Some("Effect of Chocolate on Acne Vulgaris")
    );
    assert_eq!(fulton.authors[0], person("Fulton Jr.", Some("James E.")));
    assert_eq!(fulton.position, Position::new(192, 1));
}

#[test]
fn complex_jabref_fixture() {
    let parsed = parse(include_str!("../../../tests/fixtures/bibtex/complex.bib"));
    // 32 `@` blocks: 20 entries, 9 comments, 2 strings, 1 preamble.
    assert_eq!(parsed.references.len(), 20);
    assert!(parsed.problems.is_empty());
    let thesis = &parsed.references[0];
    assert_eq!(thesis.key, "deBraga2001");
    assert_eq!(
        thesis.title.as_deref(),
        Some("The postcranial anatomy of Procolophon (Parareptilia: Procolophonidae) and its implications for the origin of turtles")
    );
    assert_eq!(thesis.publication_types, ["PhD thesis"]);
    assert_eq!(thesis.authors, vec![person("deBraga", Some("Michael"))]);
    assert_eq!(
        parsed.references[1].doi.as_deref(),
        Some("10.1007/s00779-005-0347-6")
    );
    let bostrom = &parsed.references[2];
    assert_eq!(family_names(bostrom)[..3], ["Boström", "Wäyrynen", "Bodén"]);
    let complex = parsed
        .references
        .iter()
        .find(|r| r.key == "10250999")
        .unwrap();
    assert_eq!(
        complex.authors,
        vec![
            person("von Hippel", Some("Eric")),
            person("Reagle Jr.", Some("Joseph M.")),
            person("Sherry Jr.", Some("John F.")),
            person("van den Huevel Jr.", Some("Johan A")),
        ]
    );
    let polaris = parsed
        .references
        .iter()
        .find(|r| r.key == "1143122")
        .unwrap();
    assert_eq!(
        polaris.container.as_deref(),
        Some("SOUPS '06: Proceedings of the second symposium on Usable privacy and security")
    );
}

#[test]
fn importer_examples_fixture() {
    let parsed = parse(include_str!(
        "../../../tests/fixtures/bibtex/BibtexImporter.examples.bib"
    ));
    let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["Preissel2016", "set", "stdmodel", "aksin"]);
    // Sets group other entries and are not reported for lacking a title.
    assert!(parsed.problems.is_empty());
    let book = &parsed.references[0];
    assert_eq!(book.authors, vec![person("Preißel", Some("René"))]);
    assert_eq!(book.url.as_deref(), Some("http://d-nb.info/107601965X"));
    assert_eq!(book.keywords, ["Versionsverwaltung"]);
    let aksin = &parsed.references[3];
    assert_eq!(
        family_names(aksin),
        [
            "Aksın",
            "Türkmen",
            "Artok",
            "Çetinkaya",
            "Ni",
            "Büyükgüngör",
            "Özkal"
        ]
    );
    assert_eq!(
        aksin.title.as_deref(),
        Some("Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions")
    );
    assert_eq!(aksin.container.as_deref(), Some("jomch"));
    assert_eq!(
        (aksin.year, aksin.volume.as_deref(), aksin.issue.as_deref()),
        (Some(2006), Some("691"), Some("13"))
    );
}

#[test]
fn quoted_crlf_fixture() {
    let r = only(include_str!(
        "../../../tests/fixtures/bibtex/bolognese_pure.bib"
    ));
    assert_eq!(r.entry_type.as_deref(), Some("phdthesis"));
    assert_eq!((r.year, r.month, r.day), (Some(2018), Some(4), Some(25)));
    assert_eq!(r.authors, vec![person("Toparlar", Some("Y."))]);
    assert_eq!(
        r.abstract_text.as_deref(),
        Some("Designing the climates of cities")
    );
}

#[test]
fn manubot_fixture() {
    let parsed = parse(include_str!(
        "../../../tests/fixtures/bibtex/manubot_bibliography.bib"
    ));
    assert_eq!(parsed.references.len(), 2);
    let hub = &parsed.references[0];
    assert_eq!(hub.key, "doi:10.7554/elife.32822");
    assert_eq!(
        hub.title.as_deref(),
        Some("Sci-Hub provides access to nearly all scholarly literature")
    );
    assert_eq!((hub.year, hub.month), (Some(2018), Some(3)));
    assert_eq!(hub.authors[5], person("Greshake Tzovaras", Some("Bastian")));
    let blog = &parsed.references[1];
    assert_eq!(
        blog.title.as_deref(),
        Some("TechBlog: ‘Manubot’ powers a crowdsourced ‘deep-learning’ review : Naturejobs Blog")
    );
    // A title but no year: readable, so not reported.
    assert!(parsed.problems.is_empty());
}

#[test]
fn testjabref_fixture() {
    let parsed = parse(include_str!(
        "../../../tests/fixtures/bibtex/testjabref.bib"
    ));
    // 158 `@` blocks, 2 of them comments.
    assert_eq!(parsed.references.len(), 156);
    assert!(parsed.problems.is_empty());
    let first = &parsed.references[0];
    assert_eq!(
        first.title.as_deref(),
        Some("256-Channel Neural Recording and Delta Compression Microsystem With 3D Electrodes And @ Symbol")
    );
    assert_eq!(first.doi.as_deref(), Some("10.1109/JSSC.2008.2010997"));
    assert_eq!(
        first.keywords[..2],
        ["Multi-channel recording", "microelectrodes"]
    );
    assert_eq!(first.authors.len(), 8);
    let theses = parsed
        .references
        .iter()
        .filter(|r| r.entry_type.as_deref() == Some("phdthesis"));
    assert_eq!(theses.count(), 40);
}

#[test]
fn non_utf8_fixtures_decoded_lossily() {
    let latin = String::from_utf8_lossy(include_bytes!(
        "../../../tests/fixtures/bibtex/encoding-windows-1252-with-header.bib"
    ));
    let parsed = parse(&latin);
    assert_eq!(parsed.references.len(), 1);
    assert_eq!(parsed.references[0].key, "1");
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].kind, InputProblemKind::UnparsedReference);
    assert_eq!(parsed.problems[0].position, Position::new(3, 1));

    let gbk = String::from_utf8_lossy(include_bytes!(
        "../../../tests/fixtures/bibtex/gbk_test.bib"
    ));
    let r = only(&gbk);
    assert_eq!(
        (r.title.as_deref(), r.year),
        (Some("Test Title"), Some(2013))
    );
}

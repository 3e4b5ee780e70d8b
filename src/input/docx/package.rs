//! The `.docx` package: a zip archive of XML parts. Only the parts the audit reads are taken
//! out, each capped in size so that a hostile archive cannot exhaust memory.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::input::xml_tree::{self, Element};

/// The most bytes one part may unpack to (a long article's document.xml is a few MB).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The parts of a Word document the reader uses, parsed.
pub struct Package {
    pub document: Element,
    pub styles: Option<Element>,
    pub numbering: Option<Element>,
    pub footnotes: Option<Element>,
    pub endnotes: Option<Element>,
    /// Optional parts that could not be read: (part, cause). The document is read without them.
    pub damaged: Vec<(String, String)>,
}

/// Open the package. `Err` says why the bytes are not a readable Word document.
pub fn open(bytes: &[u8]) -> Result<Package, String> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a Word document (.docx is a zip archive): {e}"))?;
    let document = match part(&mut archive, "word/document.xml") {
        Ok(Some(element)) => element,
        Ok(None) => return Err("not a Word document: the archive has no word/document.xml".into()),
        Err(cause) => return Err(format!("word/document.xml: {cause}")),
    };
    let mut damaged = Vec::new();
    let mut optional = |name: &str| match part(&mut archive, name) {
        Ok(element) => element,
        Err(cause) => {
            damaged.push((name.to_string(), cause));
            None
        }
    };
    let styles = optional("word/styles.xml");
    let numbering = optional("word/numbering.xml");
    let footnotes = optional("word/footnotes.xml");
    let endnotes = optional("word/endnotes.xml");
    Ok(Package {
        document,
        styles,
        numbering,
        footnotes,
        endnotes,
        damaged,
    })
}

/// One XML part, parsed; `Ok(None)` when the archive does not have it.
fn part(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Element>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot unpack: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 XML".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    xml_tree::parse(text).map(Some).map_err(|e| e.message)
}

//! Bytes to text: BOMs, UTF-8, UTF-16, an encoding the file declares (JabRef's
//! `% Encoding: windows-1252`), and for other legacy files a guess by `chardetng` (Firefox's
//! detector), Windows-1252 when in doubt.
//!
//! Decoding never fails silently: a guess is reported as a warning, and bytes that are not text
//! at all are refused with the line where the evidence was found.

use std::sync::LazyLock;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

/// An encoding declared near the top of the file: `% Encoding: windows-1252`, `charset=gbk`.
static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:encoding|charset)\s*[:=]\s*["']?([a-z0-9_.:-]+)"#)
        .expect("encoding declaration pattern compiles")
});

/// Text decoded from a file, with a note when the encoding was a guess.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Set when the encoding was not declared or valid UTF-8: what was assumed, and why.
    pub guess: Option<String>,
}

/// Why a file could not be taken as text.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText {
    pub line: usize,
    pub cause: String,
}

/// Share of control characters (other than tab, newline, CR, form feed) above which a file is
/// taken to be binary even without a NUL byte.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Decode `bytes` as text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.is_empty() {
        return Err(NotText {
            line: 0,
            cause: "file is empty".into(),
        });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with_bom(bytes, encoding, bom_len);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText {
            line: line_of(bytes, offset),
            cause: format!("not a text file (NUL byte at offset {offset})"),
        });
    }
    check_control_share(bytes)?;
    let decoded = match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            guess: None,
        },
        Err(e) => decode_legacy(bytes, e.valid_up_to()),
    };
    if decoded.text.trim().is_empty() {
        return Err(NotText {
            line: 0,
            cause: "file holds only white space".into(),
        });
    }
    Ok(decoded)
}

/// Decode bytes that are not UTF-8: with the encoding the file declares, else with a guess.
fn decode_legacy(bytes: &[u8], first_invalid: usize) -> Decoded {
    if let Some(encoding) = declared_encoding(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Decoded {
                text: text.into_owned(),
                guess: None,
            };
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // On short Latin text the detector's single-byte guesses are unreliable (a Baltic or
    // Cyrillic code page for a German name), and Windows-1252 is what editors' legacy files
    // are. A multi-byte guess (GBK, Shift_JIS, ...) that decodes cleanly is trusted: there,
    // Windows-1252 would only make mojibake.
    let guessed = detector.guess(None, Utf8Detection::Deny);
    let (encoding, text) = match guessed.decode_without_bom_handling(bytes) {
        (text, false) if is_multi_byte(guessed) => (guessed, text),
        _ => (
            WINDOWS_1252,
            WINDOWS_1252.decode_without_bom_handling(bytes).0,
        ),
    };
    Decoded {
        text: text.into_owned(),
        guess: Some(format!(
            "not valid UTF-8 (first invalid byte 0x{:02X} on line {}); decoded as {}",
            bytes[first_invalid],
            line_of(bytes, first_invalid),
            if encoding == WINDOWS_1252 {
                "Windows-1252"
            } else {
                encoding.name()
            }
        )),
    }
}

fn is_multi_byte(encoding: &'static Encoding) -> bool {
    [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&encoding)
}

/// The encoding named in the first lines, if one is and encoding_rs knows it.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let label = DECLARED.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label).filter(|e| *e != UTF_8)
}

fn decode_with_bom(
    bytes: &[u8],
    encoding: &'static Encoding,
    bom_len: usize,
) -> Result<Decoded, NotText> {
    let body = &bytes[bom_len..];
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let name = if encoding == UTF_16LE || encoding == UTF_16BE {
            encoding.name()
        } else {
            UTF_8.name()
        };
        return Err(NotText {
            line: 0,
            cause: format!("starts with a {name} byte-order mark but is not valid {name}"),
        });
    }
    if text.trim().is_empty() {
        return Err(NotText {
            line: 0,
            cause: "file holds only white space".into(),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        guess: None,
    })
}

fn check_control_share(bytes: &[u8]) -> Result<(), NotText> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls: Vec<usize> = sample
        .iter()
        .enumerate()
        .filter(|(_, &b)| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .map(|(i, _)| i)
        .collect();
    if controls.len() as f64 > sample.len() as f64 * MAX_CONTROL_SHARE {
        return Err(NotText {
            line: line_of(bytes, controls[0]),
            cause: format!(
                "not a text file ({} control bytes in the first {} bytes)",
                controls.len(),
                sample.len()
            ),
        });
    }
    Ok(())
}

/// The 1-based line holding byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Gabapentin — 2015\n".as_bytes()).unwrap();
        assert_eq!(d.text, "Gabapentin — 2015\n");
        assert!(d.guess.is_none());
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFTitle\n").unwrap();
        assert_eq!(d.text, "Title\n");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Caf\u{e9}\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Café\n");
    }

    #[test]
    fn windows_1252_is_a_reported_guess() {
        let d = decode(b"line one\nna\xefve \x93quoted\x94\n").unwrap();
        assert_eq!(d.text, "line one\nnaïve \u{201c}quoted\u{201d}\n");
        let guess = d.guess.unwrap();
        assert!(guess.contains("line 2"), "{guess}");
        assert!(guess.contains("Windows-1252"), "{guess}");
    }

    #[test]
    fn a_declared_encoding_is_not_a_guess() {
        let d = decode(b"% Encoding: windows-1252\n@article{a, author = {M\xfcller}}\n").unwrap();
        assert!(d.text.contains("Müller"));
        assert!(d.guess.is_none());
    }

    #[test]
    fn chinese_legacy_text_is_guessed_as_such() {
        let (bytes, _, _) = encoding_rs::GBK
            .encode("标题：中文文献的引用与评价研究，作者：张三，李四。期刊：中华医学杂志。");
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("中文文献"), "{}", d.text);
        assert!(d.guess.unwrap().contains("GBK"));
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b"").unwrap_err().cause, "file is empty");
        assert_eq!(
            decode(b" \n\n").unwrap_err().cause,
            "file holds only white space"
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode(b"ab\ncd\x00ef").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.cause.contains("NUL"));
    }

    #[test]
    fn many_control_bytes_mean_binary() {
        let bytes: Vec<u8> = (0..400u32).map(|i| (i % 31 + 1) as u8).collect();
        assert!(decode(&bytes).unwrap_err().cause.contains("control bytes"));
    }
}

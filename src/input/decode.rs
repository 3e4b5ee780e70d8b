//! Bytes to text: BOMs, UTF-8, UTF-16, and the Windows-1252 fallback for legacy files.
//!
//! Decoding never fails silently: a guess is reported as a warning, and bytes that are not text
//! at all are refused with the line where the evidence was found.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

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
        Err(e) => {
            let offset = e.valid_up_to();
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                guess: Some(format!(
                    "not valid UTF-8 (first invalid byte 0x{:02X} on line {}); decoded as Windows-1252",
                    bytes[offset],
                    line_of(bytes, offset)
                )),
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(NotText {
            line: 0,
            cause: "file holds only white space".into(),
        });
    }
    Ok(decoded)
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

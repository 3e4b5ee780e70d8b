//! LaTeX markup in BibTeX field values, decoded to plain Unicode text.
//!
//! Bibliographies write `{\"u}`, `\'e`, `{\aa}`, `\&`, `\textit{...}`, `{{Protected}}` and
//! `$\beta$`; reports and matching want "ü", "é", "å", "&", the words and "β". Accents become
//! combining marks that NFC then composes, so any letter takes any accent without a table of
//! precomposed characters. Unknown commands keep their braced argument (formatting such as
//! `\textsc{...}`) and otherwise vanish, so markup never leaks into titles.

use unicode_normalization::UnicodeNormalization;

use crate::input::fields;

/// Decode a field value: accents, special letters, escapes, text commands, dashes and math
/// symbols; braces dropped, whitespace folded.
pub fn decode(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    Decoder::new(&chars).run(&mut out);
    fields::fold(&out.nfc().collect::<String>())
}

/// Decode an identifier-like value (URL, DOI, eprint) without typography: `--` and `~` stay
/// as they are, only braces, escapes, `\url{}` and all whitespace go.
pub fn verbatim(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut name = String::new();
                while let Some(&l) = chars.peek().filter(|l| l.is_ascii_alphabetic()) {
                    name.push(l);
                    chars.next();
                }
                if name.is_empty() {
                    out.extend(chars.next());
                }
                // `\url`, `\href`, `\detokenize`: the command word goes, its argument stays.
            }
            '{' | '}' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

struct Decoder<'a> {
    chars: &'a [char],
    pos: usize,
    math: bool,
}

impl<'a> Decoder<'a> {
    fn new(chars: &'a [char]) -> Self {
        Decoder {
            chars,
            pos: 0,
            math: false,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn run(&mut self, out: &mut String) {
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                '\\' => self.command(out),
                '{' | '}' => {}
                '$' => self.math = !self.math,
                '^' | '_' if self.math => {}
                '~' => out.push(' '),
                '-' => self.dash(out),
                '`' if self.peek() == Some('`') => {
                    self.pos += 1;
                    out.push('“');
                }
                '\'' if self.peek() == Some('\'') => {
                    self.pos += 1;
                    out.push('”');
                }
                c => out.push(c),
            }
        }
    }

    /// `--` is an en dash and `---` an em dash in TeX.
    fn dash(&mut self, out: &mut String) {
        if self.peek() != Some('-') {
            out.push('-');
        } else if self.peek_at(1) == Some('-') {
            self.pos += 2;
            out.push('—');
        } else {
            self.pos += 1;
            out.push('–');
        }
    }

    /// A control sequence, the backslash already consumed.
    fn command(&mut self, out: &mut String) {
        let Some(first) = self.peek() else { return };
        self.pos += 1;
        if !first.is_ascii_alphabetic() {
            self.control_symbol(first, out);
            return;
        }
        let mut name = String::from(first);
        while let Some(c) = self.peek().filter(char::is_ascii_alphabetic) {
            name.push(c);
            self.pos += 1;
        }
        // TeX swallows the spaces after a control word.
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        self.control_word(&name, out);
    }

    fn control_symbol(&mut self, symbol: char, out: &mut String) {
        if let Some(mark) = accent_mark(&symbol.to_string()) {
            self.accent(mark, symbol, out);
            return;
        }
        match symbol {
            '\\' | ',' | ';' | ':' | ' ' | '\n' | '\t' | '\r' => out.push(' '),
            '-' | '/' | '@' | '!' => {}
            other => out.push(other),
        }
    }

    fn control_word(&mut self, name: &str, out: &mut String) {
        if let Some(mark) = accent_mark(name) {
            let plain = name.chars().next().unwrap_or(' ');
            self.accent(mark, plain, out);
        } else if let Some(text) = symbol(name) {
            out.push_str(text);
        } else if DROPPED_WITH_ARGUMENT.contains(&name) {
            self.argument();
        } else if name == "href" {
            // `\href{url}{text}`: the reader wants the text.
            self.argument();
            out.push_str(&self.argument());
        } else if self.peek() == Some('{') {
            // Formatting (`\textit{}`, `\emph{}`, `\mbox{}`, ...): keep what it formats.
            out.push_str(&self.argument());
        }
        // Otherwise a declaration such as `\em` or `\relax`: it prints nothing.
    }

    /// Put `mark` on the first character of the next argument; `plain` is the accent written
    /// out when there is nothing to put it on (`\~{}`).
    fn accent(&mut self, mark: char, plain: char, out: &mut String) {
        while self.peek().is_some_and(|c| c == ' ') {
            self.pos += 1;
        }
        let argument = self.argument();
        let mut letters = argument.chars();
        match letters.next() {
            None => out.push(plain),
            Some(base) => {
                // An accent on a dotless i or j (`\'{\i}`) is an accent on i or j.
                out.push(match base {
                    'ı' => 'i',
                    'ȷ' => 'j',
                    other => other,
                });
                out.push(mark);
                out.extend(letters);
            }
        }
    }

    /// The next argument, decoded: a `{group}`, a control sequence or one character.
    fn argument(&mut self) -> String {
        let mut out = String::new();
        match self.peek() {
            Some('{') => {
                let end = self.group_end(self.pos);
                let mut inner = Decoder::new(&self.chars[self.pos + 1..end]);
                inner.math = self.math;
                inner.run(&mut out);
                self.pos = (end + 1).min(self.chars.len());
            }
            Some('\\') => {
                self.pos += 1;
                self.command(&mut out);
            }
            Some(c) => {
                self.pos += 1;
                out.push(c);
            }
            None => {}
        }
        out
    }

    /// Index of the brace closing the group opened at `open`, or the end of the text when the
    /// group is not closed (the value's own braces were checked by the parser already).
    fn group_end(&self, open: usize) -> usize {
        let mut depth = 0usize;
        let mut i = open;
        while let Some(&c) = self.chars.get(i) {
            match c {
                '\\' => i += 1,
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.chars.len()
    }
}

/// Commands whose argument is for TeX, not the reader (sort keys, labels).
const DROPPED_WITH_ARGUMENT: &[&str] = &[
    "noopsort", "sortnoop", "SortNoop", "index", "label", "nocite",
];

/// The combining mark an accent command puts on its argument.
pub(crate) fn accent_mark(name: &str) -> Option<char> {
    Some(match name {
        "'" => '\u{301}',
        "`" => '\u{300}',
        "^" => '\u{302}',
        "\"" => '\u{308}',
        "~" => '\u{303}',
        "=" => '\u{304}',
        "." => '\u{307}',
        "u" => '\u{306}',
        "v" => '\u{30C}',
        "H" => '\u{30B}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        "r" => '\u{30A}',
        "b" => '\u{331}',
        "d" => '\u{323}',
        "t" => '\u{361}',
        _ => return None,
    })
}

/// Letters, symbols and math that a command without argument stands for.
fn symbol(name: &str) -> Option<&'static str> {
    LETTERS
        .iter()
        .chain(SYMBOLS)
        .chain(GREEK)
        .find(|(command, _)| *command == name)
        .map(|(_, text)| *text)
}

const LETTERS: &[(&str, &str)] = &[
    ("i", "ı"),
    ("j", "ȷ"),
    ("aa", "å"),
    ("AA", "Å"),
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("o", "ø"),
    ("O", "Ø"),
    ("l", "ł"),
    ("L", "Ł"),
    ("ss", "ß"),
    ("SS", "SS"),
    ("dh", "ð"),
    ("DH", "Ð"),
    ("dj", "đ"),
    ("DJ", "Đ"),
    ("th", "þ"),
    ("TH", "Þ"),
    ("ng", "ŋ"),
    ("NG", "Ŋ"),
];

const SYMBOLS: &[(&str, &str)] = &[
    ("textendash", "–"),
    ("textemdash", "—"),
    ("ldots", "…"),
    ("dots", "…"),
    ("textellipsis", "…"),
    ("textquoteleft", "‘"),
    ("textquoteright", "’"),
    ("textquotedblleft", "“"),
    ("textquotedblright", "”"),
    ("textdegree", "°"),
    ("degree", "°"),
    ("circ", "°"),
    ("textregistered", "®"),
    ("texttrademark", "™"),
    ("textcopyright", "©"),
    ("copyright", "©"),
    ("pounds", "£"),
    ("textsterling", "£"),
    ("euro", "€"),
    ("texteuro", "€"),
    ("S", "§"),
    ("P", "¶"),
    ("dag", "†"),
    ("ddag", "‡"),
    ("textbullet", "•"),
    ("textperiodcentered", "·"),
    ("textasciitilde", "~"),
    ("textbackslash", "\\"),
    ("textbar", "|"),
    ("textless", "<"),
    ("textgreater", ">"),
    ("textunderscore", "_"),
    ("textmu", "µ"),
    ("textpm", "±"),
    ("pm", "±"),
    ("mp", "∓"),
    ("times", "×"),
    ("div", "÷"),
    ("cdot", "·"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("neq", "≠"),
    ("ne", "≠"),
    ("approx", "≈"),
    ("sim", "∼"),
    ("infty", "∞"),
    ("to", "→"),
    ("rightarrow", "→"),
    ("leftarrow", "←"),
    ("prime", "′"),
    ("partial", "∂"),
    ("ell", "ℓ"),
    ("LaTeX", "LaTeX"),
    ("TeX", "TeX"),
    ("BibTeX", "BibTeX"),
];

const GREEK: &[(&str, &str)] = &[
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("vartheta", "ϑ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "φ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Xi", "Ξ"),
    ("Pi", "Π"),
    ("Sigma", "Σ"),
    ("Upsilon", "Υ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_in_every_spelling() {
        assert_eq!(decode(r#"Gustav Bostr\"{o}m"#), "Gustav Boström");
        assert_eq!(
            decode(r#"{\"O}zge B{\"u}y{\"u}kg{\"u}ng{\"o}r"#),
            "Özge Büyükgüngör"
        );
        assert_eq!(
            decode(r#"Marine Bod\'{e}n and Caf\'e"#),
            "Marine Bodén and Café"
        );
        assert_eq!(
            decode(r#"{\^o}te {\c{C}}etinkaya {\c C}a"#),
            "ôte Çetinkaya Ça"
        );
        assert_eq!(decode(r#"Aks{\i}n na\"{\i}ve \'{\i}"#), "Aksın naïve í");
        assert_eq!(decode(r#"\v{S}koda Erd\H{o}s \k{a}"#), "Škoda Erdős ą");
    }

    #[test]
    fn special_letters_and_escapes() {
        assert_eq!(
            decode(r#"{\aa}ngstr{\"o}m {\AA}se {\o}re Stra{\ss}e"#),
            "ångström Åse øre Straße"
        );
        assert_eq!(
            decode(r#"Nutrition \& Metabolism, 50\% off \$5 a\_b"#),
            "Nutrition & Metabolism, 50% off $5 a_b"
        );
    }

    #[test]
    fn formatting_commands_keep_their_text() {
        assert_eq!(
            decode(r#"{{The postcranial anatomy of \textit{Procolophon} (Parareptilia)}}"#),
            "The postcranial anatomy of Procolophon (Parareptilia)"
        );
        assert_eq!(
            decode(r#"\emph{In vivo} and {\em in vitro} \textbf{data}"#),
            "In vivo and in vitro data"
        );
        assert_eq!(
            decode(r#"see \href{http://x.org}{the site}"#),
            "see the site"
        );
        assert_eq!(decode(r#"{\noopsort{a}}Zeta"#), "Zeta");
    }

    #[test]
    fn dashes_math_and_whitespace() {
        assert_eq!(
            decode("SESS06 -- secure\n\tby---design"),
            "SESS06 – secure by—design"
        );
        assert_eq!(
            decode(r#"NF-$\kappa$B and TGF-$\beta_1$ at 37$^\circ$C"#),
            "NF-κB and TGF-β1 at 37°C"
        );
        assert_eq!(decode("a~b"), "a b");
    }

    #[test]
    fn broken_markup_never_panics() {
        assert_eq!(decode(r#"\'"#), "'");
        assert_eq!(decode(r#"\textit{open"#), "open");
        assert_eq!(decode(r#"trailing \"#), "trailing");
    }

    #[test]
    fn verbatim_keeps_identifiers() {
        assert_eq!(
            verbatim(r#"\url{http://x.org/~me/a\_b--c}"#),
            "http://x.org/~me/a_b--c"
        );
        assert_eq!(verbatim("10.1000/{ABC}\n  def"), "10.1000/ABCdef");
    }
}

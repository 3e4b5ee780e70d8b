//! What the LaTeX reader knows about commands and environments, as data: which commands cite,
//! which open headings, which hold text of their own (footnotes, captions), which take
//! arguments that are not text, and which environments are not text at all.

/// Citation commands of natbib, biblatex and plain LaTeX; each also has a `*` form.
pub const CITE: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citealt",
    "citeauthor",
    "citeyear",
    "citeyearpar",
    "Cite",
    "Citep",
    "Citet",
    "parencite",
    "Parencite",
    "autocite",
    "Autocite",
    "textcite",
    "Textcite",
    "footcite",
    "footcitetext",
    "smartcite",
    "Smartcite",
    "supercite",
    "fullcite",
];

/// biblatex multicite commands: `\cites[pre][post]{a}[post]{b}` cites a and b.
pub const MULTICITE: &[&str] = &[
    "cites",
    "Cites",
    "parencites",
    "Parencites",
    "autocites",
    "Autocites",
    "textcites",
    "Textcites",
    "footcites",
    "smartcites",
    "supercites",
];

/// Sectioning commands: their argument is a heading, not sentence text.
pub const HEADINGS: &[&str] = &[
    "part",
    "chapter",
    "section",
    "subsection",
    "subsubsection",
    "paragraph",
    "subparagraph",
];

/// Commands whose argument is text of its own, read as a separate block.
pub const SIDE_TEXT: &[&str] = &["footnote", "footnotetext", "caption", "tablenotes"];

/// Commands whose arguments are not text, with their shape: `*` an optional star, `o` an
/// optional `[...]`, `m` a mandatory argument. A command's text argument that follows the
/// dropped ones (`\textcolor{red}{text}`, `\href{url}{text}`) is read as text.
pub const NOT_TEXT: &[(&str, &str)] = &[
    ("label", "m"),
    ("ref", "*m"),
    ("eqref", "m"),
    ("pageref", "*m"),
    ("autoref", "*m"),
    ("nameref", "*m"),
    ("cref", "*m"),
    ("Cref", "*m"),
    ("includegraphics", "*om"),
    ("usepackage", "om"),
    ("RequirePackage", "om"),
    ("documentclass", "om"),
    ("bibliographystyle", "m"),
    ("newcommand", "*moom"),
    ("renewcommand", "*moom"),
    ("providecommand", "*moom"),
    ("newenvironment", "*moomm"),
    ("renewenvironment", "*moomm"),
    ("newtheorem", "*mom"),
    ("DeclareMathOperator", "*mm"),
    ("def", "m"),
    ("setlength", "mm"),
    ("addtolength", "mm"),
    ("setcounter", "mm"),
    ("addtocounter", "mm"),
    ("vspace", "*m"),
    ("hspace", "*m"),
    ("author", "om"),
    ("date", "m"),
    ("affiliation", "om"),
    ("affil", "om"),
    ("address", "m"),
    ("email", "m"),
    ("thanks", "m"),
    ("keywords", "m"),
    ("pagestyle", "m"),
    ("thispagestyle", "m"),
    ("graphicspath", "m"),
    ("hypersetup", "m"),
    ("geometry", "m"),
    ("captionsetup", "om"),
    ("definecolor", "mmm"),
    ("textcolor", "om"),
    ("color", "om"),
    ("url", "m"),
    ("href", "m"),
    ("doi", "m"),
    ("orcid", "m"),
    ("multicolumn", "mm"),
    ("multirow", "omom"),
    ("item", "o"),
    ("footnotemark", "o"),
    ("bibitem", "om"),
    ("index", "m"),
];

/// Environments whose content is not sentence text: math, code, drawings.
pub const SKIPPED_ENVIRONMENTS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "alignat",
    "alignat*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "flalign",
    "flalign*",
    "eqnarray",
    "eqnarray*",
    "displaymath",
    "math",
    "verbatim",
    "verbatim*",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "tikzpicture",
    "filecontents",
    "filecontents*",
];

/// Environments whose `&` and `\\` separate cells: each cell is a block.
pub const TABULAR: &[&str] = &["tabular", "tabular*", "tabularx", "longtable", "tabulary"];

/// How many mandatory arguments an environment takes after `\begin{name}` (its options in
/// `[...]` are skipped for every environment).
pub const ENVIRONMENT_ARGUMENTS: &[(&str, usize)] = &[
    ("tabular", 1),
    ("tabular*", 2),
    ("tabularx", 2),
    ("tabulary", 2),
    ("longtable", 1),
    ("minipage", 1),
    ("thebibliography", 1),
    ("multicols", 1),
    ("wrapfigure", 2),
];

/// Is `name` one of `commands`?
pub fn is(commands: &[&str], name: &str) -> bool {
    commands.contains(&name)
}

/// The argument shape of a command whose arguments are not text.
pub fn not_text_shape(name: &str) -> Option<&'static str> {
    NOT_TEXT.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

pub fn environment_arguments(name: &str) -> usize {
    ENVIRONMENT_ARGUMENTS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |(_, count)| *count)
}

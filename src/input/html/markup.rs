//! What HTML elements mean to the article reader, as tables: which hide their text (page
//! furniture), which end a block of text, which hold a reference list, which close others
//! implicitly (`<li>` after `<li>`, a block after an unclosed `<p>`).

use html5gum::StartTag;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "nav", "aside", "script", "style", "noscript", "form", "template", "svg", "math", "iframe",
    "object", "embed", "button", "select", "textarea", "dialog", "canvas", "video", "audio", "map",
    "head",
];
/// Landmarks that are page furniture (the site banner and footer) unless they sit inside an
/// article or section, where they are the article's own header and footer (as ARIA maps them).
const LANDMARKS: &[&str] = &["header", "footer"];
/// Elements inside which `header` and `footer` belong to the article.
const SECTIONING: &[&str] = &["article", "main", "section"];
/// ARIA roles of furniture.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alertdialog",
    "doc-backlink",
];
/// Class or id names (or their first part, "share-buttons") that CMS themes give furniture
/// and text meant only for screen readers.
const FURNITURE_NAMES: &[&str] = &[
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "share",
    "sharing",
    "social",
    "newsletter",
    "advert",
    "advertisement",
    "ads",
    "promo",
    "comments",
    "related",
    "skip-link",
    "navbar",
    "menu",
    "toc",
    "subscribe",
    "paywall",
    "popup",
    "modal",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "hidden",
    "d-none",
    "mw-cite-backlink",
];
/// Elements that never take FURNITURE_NAMES at their word: a theme class on `<body>` or the
/// main wrapper ("sidebar-layout") says nothing about the text inside.
const NEVER_FURNITURE_BY_NAME: &[&str] = &["html", "body", "main", "article"];
/// Class or id names of a reference list.
const REFERENCE_LIST_NAMES: &[&str] = &[
    "references",
    "reference-list",
    "ref-list",
    "reflist",
    "refs",
    "bibliography",
    "works-cited",
];
const REFERENCE_LIST_ROLES: &[&str] = &["doc-bibliography", "doc-endnotes"];

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose start and end end a block of text.
const BOUNDARIES: &[&str] = &[
    "p",
    "li",
    "td",
    "th",
    "blockquote",
    "figcaption",
    "dd",
    "dt",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
    "address",
    "body",
    "html",
    "details",
    "summary",
    "center",
    "fieldset",
    "legend",
    "header",
    "footer",
];
/// Boundaries that hold other blocks (a reference list ends when its container closes).
const NOT_CONTAINERS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"];

/// Implied end tags: opening the first closes an open element of the second list, searching
/// no further out than an element of the third.
const IMPLIED_ENDS: &[(&[&str], &[&str], &[&str])] = &[
    (&["li"], &["li"], &["ul", "ol"]),
    (&["dt", "dd"], &["dt", "dd"], &["dl"]),
    (&["td", "th"], &["td", "th"], &["tr", "table"]),
    (&["tr"], &["tr", "td", "th"], &["table"]),
];
/// How far out an unclosed `<p>` is looked for (the HTML "button scope").
const P_SCOPE: &[&str] = &[
    "td", "th", "table", "caption", "button", "html", "template", "li",
];

pub fn attribute(tag: &StartTag<usize>, name: &str) -> Option<String> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

/// The heading level of `h1`..`h6`.
pub fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', digit @ b'1'..=b'6'] => Some(digit - b'0'),
        _ => None,
    }
}

pub fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

pub fn is_boundary(name: &str) -> bool {
    BOUNDARIES.contains(&name)
}

pub fn is_container(name: &str) -> bool {
    is_boundary(name) && !NOT_CONTAINERS.contains(&name)
}

/// True when the element's text is not article text. `open` names the elements open around
/// it (a `header` inside an `article` is the article's own).
pub fn is_furniture(name: &str, tag: &StartTag<usize>, open: &[&str]) -> bool {
    if SKIPPED.contains(&name) {
        return true;
    }
    if LANDMARKS.contains(&name) && !open.iter().any(|o| SECTIONING.contains(o)) {
        return true;
    }
    if tag.attributes.contains_key(&b"hidden"[..])
        || attribute(tag, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if attribute(tag, "style").is_some_and(|s| hides(&s)) {
        return true;
    }
    if attribute(tag, "role").is_some_and(|r| has_name(&r, SKIPPED_ROLES)) {
        return true;
    }
    !NEVER_FURNITURE_BY_NAME.contains(&name) && names(tag).any(|n| is_furniture_name(&n))
}

/// True when the element holds a reference list by its class, id or role.
pub fn is_reference_list(tag: &StartTag<usize>) -> bool {
    attribute(tag, "role").is_some_and(|r| has_name(&r, REFERENCE_LIST_ROLES))
        || names(tag).any(|n| REFERENCE_LIST_NAMES.contains(&n.as_str()))
}

/// The elements that opening `name` closes implicitly, as a search rule: (what is closed,
/// where the search stops).
pub fn implied_ends(name: &str) -> Vec<(&'static [&'static str], &'static [&'static str])> {
    let mut rules: Vec<(&[&str], &[&str])> = IMPLIED_ENDS
        .iter()
        .filter(|(opening, _, _)| opening.contains(&name))
        .map(|(_, closed, stop)| (*closed, *stop))
        .collect();
    if is_boundary(name) && !matches!(name, "body" | "html") {
        rules.insert(0, (&["p"], P_SCOPE));
    }
    if heading_level(name).is_some() {
        rules.push((&["h1", "h2", "h3", "h4", "h5", "h6"], &[]));
    }
    rules
}

fn hides(style: &str) -> bool {
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// The element's class names and id, lower case.
fn names(tag: &StartTag<usize>) -> impl Iterator<Item = String> {
    let classes = attribute(tag, "class").unwrap_or_default();
    let id = attribute(tag, "id").unwrap_or_default();
    format!("{classes} {id}")
        .to_ascii_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

fn is_furniture_name(name: &str) -> bool {
    FURNITURE_NAMES.iter().any(|f| {
        name == *f
            || name
                .strip_prefix(f)
                .is_some_and(|rest| rest.starts_with(['-', '_']))
    })
}

fn has_name(value: &str, table: &[&str]) -> bool {
    value
        .split_whitespace()
        .any(|v| table.iter().any(|t| v.eq_ignore_ascii_case(t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5gum::{DefaultEmitter, Token, Tokenizer};

    fn tag(html: &str) -> StartTag<usize> {
        Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span())
            .flatten()
            .find_map(|t| match t {
                Token::StartTag(t) => Some(t),
                _ => None,
            })
            .expect("a start tag")
    }

    #[test]
    fn furniture_by_element_role_attribute_and_name() {
        let furniture = |html: &str, open: &[&str]| {
            let t = tag(html);
            let name = String::from_utf8_lossy(&t.name).into_owned();
            is_furniture(&name, &t, open)
        };
        assert!(furniture("<nav>", &[]));
        assert!(furniture("<header>", &["body"]));
        assert!(!furniture("<header>", &["body", "article"]));
        assert!(furniture("<div role=navigation>", &[]));
        assert!(furniture("<div hidden>", &[]));
        assert!(furniture("<p style='display: none'>", &[]));
        assert!(furniture("<div class=\"x share-buttons\">", &[]));
        assert!(!furniture("<div class=\"shared-care\">", &[]));
        assert!(!furniture("<body class=\"sidebar-layout\">", &[]));
        assert!(!furniture("<div class=content>", &[]));
    }

    #[test]
    fn reference_lists_by_class_id_or_role() {
        assert!(is_reference_list(&tag("<ol class=\"references\">")));
        assert!(is_reference_list(&tag("<section id=References>")));
        assert!(is_reference_list(&tag("<div role=\"doc-bibliography\">")));
        assert!(!is_reference_list(&tag("<ol class=steps>")));
    }

    #[test]
    fn implied_ends_follow_the_html_rules() {
        assert_eq!(heading_level("h3"), Some(3));
        assert_eq!(heading_level("hr"), None);
        assert_eq!(implied_ends("li")[1].0, ["li"]);
        assert_eq!(implied_ends("div")[0].0, ["p"]);
        assert!(implied_ends("span").is_empty());
    }
}

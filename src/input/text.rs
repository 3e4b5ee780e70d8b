//! Article text, format-neutral: readers cut their text into [`Block`]s (paragraphs, list
//! items, table cells) of positioned fragments; this module splits blocks into sentences, finds
//! the citation markers written in the text, and places citations a reader found itself (an
//! XML `<xref>`, an HTML `<sup>`) in the sentence that holds them.

use crate::input::sentences::{self, Fragment};
use crate::input::{author_year, citations};
use crate::model::{Article, Citation, Position, Sentence};

/// A run of text on one source line, starting at a 1-based character column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextFragment {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// A paragraph or list item: one or more fragments read as one flow of text.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// The heading of the section the block sits under.
    pub section: Option<String>,
    pub fragments: Vec<TextFragment>,
    /// Citations the reader found itself (markup, not text), with their source positions.
    pub citations: Vec<Citation>,
}

/// Which citation markers to look for in the text itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Markers {
    /// "the 2015 study 2" and bracketed numbers "[2]", "[4-6]".
    pub plain_text: bool,
    /// "(Smith et al., 2015)", "Smith and colleagues (2015)".
    pub author_year: bool,
    /// Pandoc citations: "[@smith2015; @lee2019, p. 4]", "[-@key]", "@key says".
    pub pandoc: bool,
}

impl Markers {
    /// Markup formats whose citations the reader finds itself (an XML `<xref>`).
    pub const NONE: Markers = Markers {
        plain_text: false,
        author_year: false,
        pandoc: false,
    };
    /// A plain-text article.
    pub const PLAIN_TEXT: Markers = Markers {
        plain_text: true,
        author_year: true,
        pandoc: false,
    };
    /// A Markdown article: pandoc's citation syntax besides every plain-text one.
    pub const MARKDOWN: Markers = Markers {
        plain_text: true,
        author_year: true,
        pandoc: true,
    };

    /// All citations these markers find in `sentence`, sentence number `index`.
    fn find(self, sentence: &Sentence, index: usize) -> Vec<Citation> {
        let mut found = Vec::new();
        if self.plain_text {
            found.extend(citations::find(sentence, index));
        }
        if self.pandoc {
            found.extend(citations::find_pandoc(sentence, index));
        }
        if self.author_year {
            found.extend(author_year::find(sentence, index));
        }
        found
    }
}

impl Default for Markers {
    fn default() -> Self {
        Markers::PLAIN_TEXT
    }
}

/// Split the blocks into sentences and add them, with their citations, to the article.
pub fn add_blocks(article: &mut Article, blocks: Vec<Block>, markers: Markers) {
    for block in blocks {
        let fragments: Vec<Fragment> = block
            .fragments
            .iter()
            .map(|f| Fragment {
                line: f.line,
                column: f.column,
                text: &f.text,
            })
            .collect();
        let sentences = sentences::split(&fragments, block.section.as_deref());
        let first = article.sentences.len();
        let mut found: Vec<Vec<Citation>> = sentences
            .iter()
            .enumerate()
            .map(|(i, sentence)| markers.find(sentence, first + i))
            .collect();
        // A reader's citation belongs to the sentence it stands in or, standing between two
        // ("pain.<sup>3</sup> Sleep"), to the one it closes.
        for citation in block.citations {
            let at = sentences
                .iter()
                .rposition(|s| s.position <= citation.position)
                .unwrap_or(0);
            if let Some(list) = found.get_mut(at) {
                list.push(Citation {
                    sentence: first + at,
                    ..citation
                });
            } else if let Some(last) = article.sentences.len().checked_sub(1) {
                // A block with citations and no text: they join the sentence before it.
                article.sentences[last]
                    .citations
                    .push(article.citations.len());
                article.citations.push(Citation {
                    sentence: last,
                    ..citation
                });
            }
        }
        for (mut sentence, mut citations) in sentences.into_iter().zip(found) {
            citations.sort_by_key(|c| c.position);
            sentence.citations =
                (article.citations.len()..article.citations.len() + citations.len()).collect();
            article.citations.extend(citations);
            article.sentences.push(sentence);
        }
    }
}

/// Add blocks whose text lives in another file (an `\input` file of a LaTeX article, a
/// footnote of a Word document): they are split and their citations placed by their own
/// positions, then every sentence and citation is reported at `anchor`, the place in the
/// article that brings them in, since findings point into the article.
pub fn add_blocks_at(
    article: &mut Article,
    blocks: Vec<Block>,
    markers: Markers,
    anchor: Position,
) {
    let mut aside = Article::default();
    add_blocks(&mut aside, blocks, markers);
    let (sentence_base, citation_base) = (article.sentences.len(), article.citations.len());
    for mut sentence in aside.sentences {
        sentence.position = anchor;
        sentence.char_positions.fill(anchor);
        for index in &mut sentence.citations {
            *index += citation_base;
        }
        article.sentences.push(sentence);
    }
    for citation in aside.citations {
        article.citations.push(Citation {
            position: anchor,
            sentence: citation.sentence + sentence_base,
            ..citation
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn fragment(line: usize, text: &str) -> TextFragment {
        TextFragment {
            line,
            column: 1,
            text: text.into(),
        }
    }

    fn xref(line: usize, column: usize, key: &str) -> Citation {
        Citation {
            marker: key.into(),
            key: key.into(),
            position: Position::new(line, column),
            ..Citation::default()
        }
    }

    #[test]
    fn reader_citations_land_in_their_sentences() {
        let mut article = Article::default();
        let block = Block {
            section: Some("Results".into()),
            fragments: vec![
                fragment(3, "Pain fell 1. Sleep improved 2."),
                fragment(4, "Done."),
            ],
            citations: vec![xref(3, 11, "b1"), xref(3, 29, "b2"), xref(9, 1, "late")],
        };
        add_blocks(&mut article, vec![block], Markers::NONE);
        assert_eq!(article.sentences.len(), 3);
        let placed: Vec<(String, usize)> = article
            .citations
            .iter()
            .map(|c| (c.key.clone(), c.sentence))
            .collect();
        assert_eq!(
            placed,
            [("b1".into(), 0), ("b2".into(), 1), ("late".into(), 2)]
        );
        assert_eq!(article.sentences[1].citations, [1]);
    }

    #[test]
    fn text_markers_are_found_when_asked() {
        let mut article = Article::default();
        let block = Block {
            fragments: vec![fragment(1, "Gabapentin helps [2].")],
            ..Block::default()
        };
        add_blocks(&mut article, vec![block.clone()], Markers::default());
        assert_eq!(article.citations.len(), 1);
        let mut bare = Article::default();
        add_blocks(&mut bare, vec![block], Markers::NONE);
        assert!(bare.citations.is_empty());
    }

    #[test]
    fn blocks_from_another_file_are_reported_at_their_anchor() {
        let mut article = Article::default();
        let main = Block {
            fragments: vec![fragment(1, "First [1].")],
            ..Block::default()
        };
        add_blocks(&mut article, vec![main], Markers::default());
        let included = Block {
            fragments: vec![fragment(1, "Pain fell. Sleep improved 2.")],
            citations: vec![xref(1, 27, "b2")],
            ..Block::default()
        };
        let anchor = Position::new(5, 3);
        add_blocks_at(&mut article, vec![included], Markers::NONE, anchor);
        assert_eq!(article.sentences.len(), 3);
        assert_eq!(article.sentences[2].position, anchor);
        let last = &article.citations[1];
        assert_eq!(
            (last.key.as_str(), last.sentence, last.position),
            ("b2", 2, anchor)
        );
        assert_eq!(article.sentences[2].citations, [1]);
    }
}

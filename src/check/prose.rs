//! Long sentences and long paragraphs in an article body, each placed on its line.
//!
//! The body is split into blocks (paragraphs, list items, table cells; headings and code are left
//! out) with pulldown-cmark, keeping where each piece of text came from, so a sentence found in
//! the plain text can be traced back to a line of the Markdown file.

use crate::quality::sentences;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A long sentence or paragraph: its byte offset in the body and its length in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Long {
    /// Byte offset in the Markdown body where it starts.
    pub offset: usize,
    /// Words in it.
    pub words: usize,
}

/// One block of readable text and where its pieces came from.
#[derive(Debug, Default)]
struct Block {
    text: String,
    /// (start in `text`, start in the body) for each piece of text.
    pieces: Vec<(usize, usize)>,
    /// Headings and code are not prose.
    skip: bool,
}

impl Block {
    /// The body offset of byte `at` of the block's text.
    fn body_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|(start, _)| *start <= at);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some((start, body)) => body + (at - start),
            None => self.pieces.first().map_or(0, |p| p.1),
        }
    }
}

/// Splits `body` into prose blocks.
fn blocks(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block::default();
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => push(&mut current, &t, &range),
            Event::SoftBreak | Event::HardBreak => current.text.push(' '),
            Event::Start(tag) => {
                let skip = matches!(tag, Tag::Heading { .. } | Tag::CodeBlock(_));
                if is_block(&tag) {
                    blocks.push(std::mem::take(&mut current));
                    current.skip = skip;
                }
            }
            Event::End(end) if is_block_end(end) => {
                blocks.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    blocks.push(current);
    blocks.retain(|b| !b.skip && !b.text.trim().is_empty());
    blocks
}

fn push(block: &mut Block, text: &str, range: &Range<usize>) {
    block.pieces.push((block.text.len(), range.start));
    block.text.push_str(text);
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Item
            | Tag::Heading { .. }
            | Tag::CodeBlock(_)
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::List(_)
    )
}

fn is_block_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
    )
}

/// Sentences of more than `max_words` words.
pub(crate) fn long_sentences(body: &str, max_words: usize) -> Vec<Long> {
    let mut found = Vec::new();
    for block in blocks(body) {
        for sentence in sentences(&block.text) {
            let words = sentence.split_whitespace().count();
            if words > max_words {
                let at = sentence.as_ptr() as usize - block.text.as_ptr() as usize;
                found.push(Long {
                    offset: block.body_offset(at),
                    words,
                });
            }
        }
    }
    found
}

/// Paragraphs (and list items, table cells) of more than `max_words` words.
pub(crate) fn long_paragraphs(body: &str, max_words: usize) -> Vec<Long> {
    blocks(body)
        .into_iter()
        .filter_map(|b| {
            let words = b.text.split_whitespace().count();
            (words > max_words).then(|| Long {
                offset: b.body_offset(0),
                words,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_is_found_on_its_line() {
        let long = "word ".repeat(35);
        let body = format!("# Title\n\nShort one. Another.\n\nFirst short. {long}end.\n");
        let found = long_sentences(&body, 30);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, 36);
        assert_eq!(&body[found[0].offset..found[0].offset + 4], "word");
    }

    #[test]
    fn headings_and_code_are_not_prose() {
        let long = "word ".repeat(40);
        let body = format!("## {long}\n\n```\n{long}\n```\n\n- short item\n- {long}\n");
        let found = long_sentences(&body, 30);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(body[found[0].offset..].starts_with("word"));
        assert_eq!(body[..found[0].offset].lines().count(), 8);
    }

    #[test]
    fn long_paragraphs_are_counted_in_words() {
        let body = format!("Short.\n\n{}\n", "Two words. ".repeat(80));
        let found = long_paragraphs(&body, 150);
        assert_eq!(
            found,
            vec![Long {
                offset: 8,
                words: 160
            }]
        );
        assert!(long_paragraphs(&body, 160).is_empty());
    }
}

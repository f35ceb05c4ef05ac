//! Content quality measures for editors: reading level and sentence length.
//!
//! Used by the tests that guard the real articles and by `check`'s warnings.

use crate::markdown::plain_text;

/// Readability figures for one article body.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    /// Flesch-Kincaid grade level (US school grade).
    pub grade: f64,
    /// Words in the body.
    pub words: usize,
    /// Sentences in the body.
    pub sentences: usize,
    /// Words in the longest sentence.
    pub longest_sentence: usize,
}

/// Measures the readable text of a Markdown body.
pub fn readability(body: &str) -> Readability {
    let text = plain_text(body);
    let longest_sentence = sentences(&text)
        .map(|s| s.split_whitespace().count())
        .max()
        .unwrap_or(0);
    Readability {
        grade: textstat::flesch_kincaid_grade(&text),
        words: textstat::lexicon_count(&text),
        sentences: textstat::sentence_count(&text),
        longest_sentence,
    }
}

/// Splits plain text into sentences at `.`, `!`, `?` followed by white space, and at line ends.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_text_reads_at_a_low_grade_and_hard_text_at_a_high_one() {
        let simple = readability("The cat sat on the mat. The dog ran to the park. We had fun.");
        let hard = readability(
            "Paresthesia characteristically manifests consequent to compressive neuropathies, \
             necessitating comprehensive electrodiagnostic evaluation incorporating electromyography.",
        );
        assert!(simple.grade < 3.0, "{simple:?}");
        assert!(hard.grade > 16.0, "{hard:?}");
        assert_eq!(simple.sentences, 3);
        assert_eq!(simple.longest_sentence, 6);
    }

    #[test]
    fn list_items_count_as_sentences() {
        let r = readability("Signs:\n\n- pain in the back\n- numbness in the legs\n");
        assert_eq!(r.longest_sentence, 4);
    }
}

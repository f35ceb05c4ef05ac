//! Finding the templates' calls of `t()` without rendering them: each call's key (a string
//! literal) and the names of the arguments it passes, at its line and column, so that `check`
//! can compare them with the translations files.

use crate::diagnostic::LineIndex;

/// One `t(key="...", name=value, ...)` in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Call {
    /// The template's name under `templates/`.
    pub(crate) template: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// The key, if it is written as a string literal.
    pub(crate) key: Option<String>,
    /// The names of the other arguments, in order.
    pub(crate) args: Vec<String>,
}

/// Every call of `t()` inside the `{{ }}` and `{% %}` tags of template `name`.
pub(crate) fn calls_in(name: &str, text: &str) -> Vec<Call> {
    let index = LineIndex::new(text);
    let bytes = text.as_bytes();
    let mut calls = Vec::new();
    let mut i = 0;
    while let Some(open) = find_tag(bytes, i) {
        let close_mark = if bytes[open + 1] == b'{' {
            b"}}"
        } else {
            b"%}"
        };
        let mut j = open + 2;
        while j + 1 < bytes.len() && &bytes[j..j + 2] != close_mark {
            match bytes[j] {
                b'"' | b'\'' | b'`' => j = skip_string(bytes, j),
                b't' if bytes.get(j + 1) == Some(&b'(') && !ident_byte_before(bytes, j) => {
                    let (mut call, end) = parse_call(text, j + 2);
                    let (line, column) = index.line_col(j);
                    call.template = name.to_string();
                    call.line = line;
                    call.column = column;
                    calls.push(call);
                    j = end;
                }
                _ => j += 1,
            }
        }
        i = j + 2;
    }
    calls
}

/// The start of the next `{{` or `{%` at or after `from`, skipping `{# #}` comments.
fn find_tag(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from + 1 < bytes.len() {
        if bytes[from] == b'{' {
            match bytes[from + 1] {
                b'{' | b'%' => return Some(from),
                b'#' => {
                    from = find(bytes, from + 2, b"#}").map_or(bytes.len(), |e| e + 2);
                    continue;
                }
                _ => {}
            }
        }
        from += 1;
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn ident_byte_before(bytes: &[u8], at: usize) -> bool {
    at > 0 && {
        let b = bytes[at - 1];
        b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
    }
}

/// The index just after the string literal that starts at `at`.
fn skip_string(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut j = at + 1;
    while j < bytes.len() && bytes[j] != quote {
        j += if bytes[j] == b'\\' { 2 } else { 1 };
    }
    j + 1
}

/// The arguments of a call whose `(` ends just before `from`, and the index after its `)`.
fn parse_call(text: &str, from: usize) -> (Call, usize) {
    let bytes = text.as_bytes();
    let mut call = Call {
        template: String::new(),
        line: 0,
        column: 0,
        key: None,
        args: Vec::new(),
    };
    let mut j = from;
    loop {
        j = skip_space(bytes, j);
        let start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
            j += 1;
        }
        let name = &text[start..j];
        j = skip_space(bytes, j);
        if name.is_empty() || bytes.get(j) != Some(&b'=') {
            return (call, skip_value(bytes, j).max(j + 1));
        }
        j = skip_space(bytes, j + 1);
        let value_start = j;
        j = skip_value(bytes, j);
        if name == "key" {
            call.key = literal(&text[value_start..j]);
        } else {
            call.args.push(name.to_string());
        }
        match bytes.get(j) {
            Some(b',') => j += 1,
            _ => return (call, j + 1),
        }
    }
}

fn skip_space(bytes: &[u8], mut j: usize) -> usize {
    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
        j += 1;
    }
    j
}

/// The index of the `,` or `)` that ends the value starting at `from` (brackets and strings
/// inside it skipped), or the end of the text.
fn skip_value(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut j = from;
    while j < bytes.len() {
        match bytes[j] {
            b'"' | b'\'' | b'`' => {
                j = skip_string(bytes, j);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth > 0 => depth -= 1,
            b',' | b')' if depth == 0 => return j,
            _ => {}
        }
        j += 1;
    }
    j
}

/// The text of a string literal written alone (`"key"`), or `None` for any other expression.
fn literal(value: &str) -> Option<String> {
    let value = value.trim();
    let quote = value.chars().next()?;
    if !matches!(quote, '"' | '\'' | '`') || value.len() < 2 || !value.ends_with(quote) {
        return None;
    }
    let inner = &value[1..value.len() - 1];
    (!inner.contains(quote) && !inner.contains('\\')).then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_in_tags_with_their_keys_arguments_and_places() {
        let text = "<p>t(key=\"not-a-call\")</p>\n{# {{ t(key=\"commented\") }} #}\n<a>{{ t(key=\"skip\") }}</a>\n{% set x = t(key='count', count=n | length, name=f(a, b)) %}{{ at(key=\"no\") }}";
        let calls = calls_in("base.html", text);
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert_eq!(calls[0].key.as_deref(), Some("skip"));
        assert_eq!((calls[0].line, calls[0].column), (3, 7));
        assert!(calls[0].args.is_empty());
        assert_eq!(calls[1].key.as_deref(), Some("count"));
        assert_eq!(calls[1].args, ["count", "name"]);
        assert_eq!(calls[1].line, 4);
    }

    #[test]
    fn a_key_that_is_not_a_literal_has_none() {
        let calls = calls_in("a.html", "{{ t(key=name) }}{{ t(key=\"a\" ~ b) }}");
        assert_eq!(calls.len(), 2);
        assert!(calls.iter().all(|c| c.key.is_none()));
    }
}

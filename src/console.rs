//! What the program prints: every line goes out through here, so a closed pipe or a full disk is
//! an error to handle, never a panic, and every file name and text a user wrote is escaped
//! ([`escape`]) so that control characters in it cannot drive the terminal.

use std::borrow::Cow;
use std::io::{ErrorKind, Write};

/// `text` with every control character (and the characters that reorder text on screen) shown
/// as an escape (`\u{1b}`, `\n`, `\t`), so it prints as one inert line.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `escape` for text of several lines: the line breaks are kept, everything else is escaped.
pub(crate) fn escape_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split('\n')
            .map(|line| escape(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Writes `line` and a line break to standard error, ignoring failure (for messages that have
/// nowhere else to go).
pub(crate) fn error_line(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes `line` and a line break to standard output, ignoring failure (for `serve`'s running
/// commentary).
pub fn out_line(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// Prints a command's lines and remembers the first failure, which decides the exit code: a
/// closed pipe (the reader went away, as in `build | head -1`) stops the printing quietly; any
/// other failure (a full disk) is reported on standard error and the command fails.
#[derive(Debug, Default)]
pub struct Printer {
    failure: Option<std::io::Error>,
}

impl Printer {
    /// A printer with nothing printed yet.
    pub fn new() -> Printer {
        Printer::default()
    }

    /// A line on standard output.
    pub fn out(&mut self, line: &str) {
        if self.failure.is_none() {
            let mut out = std::io::stdout().lock();
            if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
                self.failure = Some(e);
            }
        }
    }

    /// A line on standard error.
    pub fn err(&mut self, line: &str) {
        if self.failure.is_none()
            && let Err(e) = writeln!(std::io::stderr().lock(), "{line}")
        {
            self.failure = Some(e);
        }
    }

    /// The exit code: `code`, unless printing failed for another reason than a closed pipe
    /// (then at least 1).
    pub fn exit_code(self, code: u8) -> u8 {
        match self.failure {
            None => code,
            Some(e) if e.kind() == ErrorKind::BrokenPipe => code,
            Some(e) => {
                error_line(&format!(
                    "error: cannot write the program's output: {e}\n  hint: free some disk space, or send the output somewhere else"
                ));
                code.max(1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_escapes() {
        assert_eq!(escape("plain é"), "plain é");
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(escape("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(escape_lines("one\u{7}\ntwo"), "one\\u{7}\ntwo");
    }
}

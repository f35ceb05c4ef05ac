//! Prints the reading level of article files, as `check` and the real-site tests measure it.
//!
//! Usage: `cargo run --release --example readability -- articles/*.md`

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            failed = true;
            continue;
        };
        let body = match text.splitn(3, "+++").nth(2) {
            Some(body) => body,
            None => text.as_str(),
        };
        let r = healthkb::check::readability(body);
        println!(
            "{path}: grade {:.1}, {} words, longest sentence {} words",
            r.grade, r.words, r.longest_sentence
        );
    }
    if failed {
        std::process::exit(1);
    }
}

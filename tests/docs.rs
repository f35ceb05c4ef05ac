//! Every command shown in README.md and docs/*.md (the lines of their ```sh blocks) is run here,
//! in a temporary copy of the repository's site, so none can go stale. Commands that cannot run in
//! a test (the test suite itself, long benchmarks, fuzzing, installs) are listed by rule below and
//! checked instead for the files and flags they use. A command no rule knows fails the test.

mod harness;

use harness::{Site, repo};

/// The shell lines of every ```sh block in `text`, comments removed, with their line numbers.
fn sh_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            inside = !inside && line.trim() == "```sh";
            continue;
        }
        if inside {
            let command = line.split("  #").next().unwrap_or("").trim();
            if !command.is_empty() {
                lines.push((i + 1, command.to_string()));
            }
        }
    }
    lines
}

/// Splits a command into words, honouring double quotes.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// The documents whose commands are checked.
fn documents() -> Vec<std::path::PathBuf> {
    let mut docs = vec![repo().join("README.md")];
    let mut pages: Vec<_> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    docs.extend(pages);
    docs
}

/// Runs or checks one documented command; returns what is wrong with it, if anything.
fn try_command(command: &str) -> Result<(), String> {
    let w = words(command);
    let exists = |rel: &str| {
        repo()
            .join(rel)
            .exists()
            .then_some(())
            .ok_or(format!("it uses {rel}, which does not exist"))
    };
    if let Some(args) = command.strip_prefix("cargo run --release -- ") {
        let args = words(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let site = Site::real();
        if args.first() == Some(&"serve") {
            // It serves until stopped: check that every flag shown is one `serve` has.
            let help = site.run(&["serve", "--help"]);
            return args[1..]
                .iter()
                .filter(|a| a.starts_with("--"))
                .find(|flag| !help.stdout.contains(*flag))
                .map_or(Ok(()), |flag| Err(format!("`serve` has no flag {flag}")));
        }
        let run = site.run(&args);
        // `check --strict` fails on any warning, which is content, not a stale command.
        let allowed: &[i32] = if args.first() == Some(&"check") {
            &[0, 1]
        } else {
            &[0]
        };
        return match run.code {
            Some(code) if allowed.contains(&code) => Ok(()),
            code => Err(format!("exit code {code:?}\n{}", run.stderr)),
        };
    }
    match w.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        // The whole suite, of which this test is a part.
        ["bash", "tests/run.sh"] => exists("tests/run.sh"),
        // Benchmarks take many minutes: their scripts must be there.
        ["bash", "benches/compare.sh", ..] => exists("benches/compare.sh"),
        ["bash", "benches/search.sh", ..] => exists("benches/search.sh"),
        ["python3", "benches/gen_corpus.py", ..] => exists("benches/gen_corpus.py"),
        // Fuzzing runs for ten minutes per target: the target must be there.
        ["cargo", "install", "cargo-fuzz"] => Ok(()),
        [
            "cd",
            "fuzz",
            "&&",
            ..,
            "cargo",
            "fuzz",
            "run",
            "-O",
            target,
            "--",
            _,
        ] => exists(&format!("fuzz/fuzz_targets/{target}.rs")),
        // The browser tests by hand: installs, then the npm scripts of tests/browser.
        ["sudo", "apt-get", "install", ..] => Ok(()),
        ["cd", "tests/browser"] | ["npm", "ci"] => exists("tests/browser/package-lock.json"),
        ["npm", "test"] => exists("tests/browser/package.json"),
        _ => Err("no rule runs or checks this command: add one to tests/docs.rs".to_string()),
    }
}

#[test]
fn every_command_in_the_readme_and_docs_runs() {
    let mut problems = Vec::new();
    let mut count = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("read the document");
        for (line, command) in sh_lines(&text) {
            count += 1;
            if let Err(why) = try_command(&command) {
                let name = doc
                    .strip_prefix(repo())
                    .unwrap_or(&doc)
                    .display()
                    .to_string();
                problems.push(format!("{name}:{line}: `{command}`: {why}"));
            }
        }
    }
    assert!(count >= 10, "only {count} commands found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn readme_gives_exactly_the_two_set_up_commands_first() {
    let text = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let first: Vec<String> = sh_lines(&text)
        .into_iter()
        .take(2)
        .map(|(_, c)| c)
        .collect();
    assert_eq!(first, ["cargo run --release -- build", "bash tests/run.sh"]);
    let links: Vec<&str> = text
        .match_indices("](docs/")
        .map(|(i, _)| &text[i + 2..])
        .collect();
    for link in links {
        let file = &link[..link.find(')').expect("closing parenthesis")];
        assert!(
            repo().join(file).exists(),
            "README links to {file}, which is missing"
        );
    }
}

#[test]
fn words_honour_quotes_and_comments_are_dropped() {
    assert_eq!(
        words("new a --title \"B c\""),
        ["new", "a", "--title", "B c"]
    );
    let lines = sh_lines("x\n```sh\nnpm test   # note\n```\n```toml\na = 1\n```\n");
    assert_eq!(lines, [(3, "npm test".to_string())]);
}

#[test]
fn every_diagnostic_kind_is_named_in_the_json_report_docs() {
    let text = std::fs::read_to_string(repo().join("docs/commands.md")).expect("docs/commands.md");
    let rows: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .filter(|name| *name != "kind")
        .collect();
    let names: Vec<&str> = healthkb::diagnostic::Kind::ALL
        .iter()
        .map(|k| k.name())
        .collect();
    assert_eq!(
        rows, names,
        "docs/commands.md lists the kinds of the JSON report, one row each, in the order of diagnostic.rs"
    );
}

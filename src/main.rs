//! Command line for healthkb: `build` and `check`. Exit codes: 0 success, 1 content errors,
//! 2 bad usage.

use clap::{Args, Parser, Subcommand};
use healthkb::{BuildOptions, Failure, Summary};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Builds a static health knowledge base from Markdown articles.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The site folder, holding site.toml, articles/, templates/ and static/.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: `output` in site.toml, usually public/).
    Build(BuildArgs),
    /// Do everything `build` does (parse, cross-link, render) without writing anything.
    Check(CommonArgs),
}

#[derive(Args)]
struct CommonArgs {
    /// Include articles marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Absolute URL the site is published at (overrides base_url in site.toml).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output folder, relative to the site folder unless absolute.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Make links point at index.html files so the site can be browsed straight from disk.
    #[arg(long)]
    local: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C and SIGTERM stop the build cleanly: the staging folder is removed and the previous
    // site stays in place. (SIGKILL cannot be caught; its leftovers are removed by the next build.)
    let _ = ctrlc::set_handler(|| {
        healthkb::write::INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed)
    });
    let options = match cli.command {
        Command::Build(args) => BuildOptions {
            root: cli.root,
            out: args.out,
            base_url: args.common.base_url,
            drafts: args.common.drafts,
            local: args.local,
            write: true,
        },
        Command::Check(args) => BuildOptions {
            root: cli.root,
            base_url: args.base_url,
            drafts: args.drafts,
            write: false,
            ..BuildOptions::default()
        },
    };
    match healthkb::build(&options) {
        Ok(summary) => {
            println!("{}", success_line(&summary, &options.root));
            ExitCode::SUCCESS
        }
        Err(failure) => report(&failure),
    }
}

fn success_line(s: &Summary, root: &Path) -> String {
    let what = format!(
        "{} {}, {} symptom {}, {} pages in all",
        s.articles,
        plural(s.articles, "article", "articles"),
        s.symptom_pages,
        plural(s.symptom_pages, "page", "pages"),
        s.pages
    );
    let ms = s.elapsed.as_millis();
    match &s.out {
        Some(out) => format!("built {what} in {ms} ms -> {}/", shown(out, root)),
        None => format!("checked {what} in {ms} ms: no errors (nothing written)"),
    }
}

/// The output folder relative to the site root when it is inside it, else as it is.
fn shown(out: &Path, root: &Path) -> String {
    root.canonicalize()
        .ok()
        .and_then(|r| out.strip_prefix(r).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| out.display().to_string())
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn report(failure: &Failure) -> ExitCode {
    for d in &failure.diagnostics {
        eprintln!("{d}");
    }
    let n = failure.diagnostics.len();
    eprintln!(
        "{n} {} found; nothing was written",
        plural(n, "error", "errors")
    );
    ExitCode::from(if failure.usage { 2 } else { 1 })
}

//! Command line for healthkb: `build`, `check`, `serve` and `new`. Exit codes: 0 success,
//! 1 content errors, 2 bad usage.

use clap::{Args, Parser, Subcommand, ValueEnum};
use healthkb::check::{CheckOptions, Report};
use healthkb::console::{Printer, escape};
use healthkb::progress::Progress;
use healthkb::serve::ServeOptions;
use healthkb::{BuildOptions, Failure, Summary};
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc: building a large site allocates many small strings and values on several threads at
/// once, where it spends less time than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Do everything `build` does without writing anything, and warn about content quality.
    Check(CheckArgs),
    /// Serve a live preview on 127.0.0.1 that rebuilds and reloads as files change.
    Serve(ServeArgs),
    /// Start a new article, articles/<SLUG>.md, with complete front matter and section headings.
    New(NewArgs),
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

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Treat warnings as errors (exit code 1), for CI.
    #[arg(long)]
    strict: bool,
    /// Also check links to other sites (needs the network; see [external_links] in site.toml).
    #[arg(long)]
    external: bool,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Lines for people: `file:line:col: warning: message`.
    Text,
    /// One JSON document for tools.
    Json,
}

#[derive(Args)]
struct ServeArgs {
    /// Port to listen on. Without it, a free port is chosen and printed.
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    port: u16,
    /// Address to listen on. Anything but a loopback address shows the preview to the network.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_name = "IP")]
    host: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Include articles marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The article's path under articles/, without `.md`: lower-case letters, digits, hyphens.
    slug: String,
    /// The title (default: made from the slug).
    #[arg(long)]
    title: Option<String>,
}

/// Turns transparent huge pages off for this process. Where the system gives them to every
/// process (`always`), each page mimalloc takes back from the system is zeroed 2 MB at a time:
/// in two builds of 100,000 articles that was 8 to 11 s of system time and 1,912 to 1,920 MB at
/// the peak, against 4 to 8 s and 1,832 to 1,835 MB without. Failing to turn them off changes
/// nothing else.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() -> ExitCode {
    without_huge_pages();
    // Ctrl-C, SIGTERM and SIGHUP stop every command at once, with exit code 128 + the signal:
    // a build's staging folder is removed and the previous site stays in place (SIGKILL cannot
    // be caught; its leftovers are removed by the next build).
    healthkb::interrupt::install();
    let cli = Cli::parse();
    let mut printer = Printer::new();
    let code = match cli.command {
        Command::Build(args) => build(
            BuildOptions {
                root: cli.root,
                out: args.out,
                base_url: args.common.base_url,
                drafts: args.common.drafts,
                local: args.local,
            },
            &mut printer,
        ),
        Command::Check(args) => check(cli.root, args, &mut printer),
        Command::Serve(args) => serve(
            ServeOptions {
                root: cli.root,
                host: args.host,
                port: args.port,
                open: args.open,
                drafts: args.drafts,
            },
            &mut printer,
        ),
        Command::New(args) => new(&cli.root, &args, &mut printer),
    };
    healthkb::interrupt::exit_if_stopped();
    ExitCode::from(printer.exit_code(code))
}

fn build(options: BuildOptions, printer: &mut Printer) -> u8 {
    let progress = Progress::on_stderr();
    let result = healthkb::build_with(&options, &progress);
    progress.finish();
    match result {
        Ok(summary) => {
            printer.out(&success_line(&summary, &options.root, 0));
            0
        }
        Err(failure) => report(&failure, printer),
    }
}

fn check(root: PathBuf, args: CheckArgs, printer: &mut Printer) -> u8 {
    let options = CheckOptions {
        build: BuildOptions {
            root,
            base_url: args.common.base_url,
            drafts: args.common.drafts,
            ..BuildOptions::default()
        },
        strict: args.strict,
        external: args.external,
    };
    let progress = Progress::on_stderr();
    let report = healthkb::check::check(&options, &progress);
    progress.finish();
    match args.format {
        Format::Json => printer.out(&report.json()),
        Format::Text => print_check(&report, &options.build.root, printer),
    }
    report.exit_code()
}

fn print_check(report: &Report, root: &Path, printer: &mut Printer) {
    for d in &report.diagnostics {
        printer.err(&d.to_string());
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    match (&report.summary, errors) {
        (Some(summary), 0) => printer.out(&success_line(summary, root, warnings)),
        _ => {
            let mut line = format!("{errors} {} ", plural(errors, "error", "errors"));
            if warnings > 0 {
                line.push_str(&format!(
                    "and {warnings} {} ",
                    plural(warnings, "warning", "warnings")
                ));
            }
            line.push_str("found; nothing was written");
            printer.err(&line);
        }
    }
}

fn serve(options: ServeOptions, printer: &mut Printer) -> u8 {
    match healthkb::serve::serve(&options) {
        Ok(()) => 0,
        Err(failure) => {
            for d in &failure.diagnostics {
                printer.err(&d.to_string());
            }
            if failure.usage { 2 } else { 1 }
        }
    }
}

fn new(root: &Path, args: &NewArgs, printer: &mut Printer) -> u8 {
    let today = healthkb::check::today();
    match healthkb::scaffold::new_article(root, &args.slug, args.title.as_deref(), today) {
        Ok(path) => {
            printer.out(&format!(
                "created {} (a draft: preview it with `cargo run --release -- serve --drafts`, set `draft = false` to publish)",
                escape(&path.display().to_string())
            ));
            0
        }
        Err(refused) => {
            printer.err(&refused.diagnostic.to_string());
            if refused.usage { 2 } else { 1 }
        }
    }
}

fn success_line(s: &Summary, root: &Path, warnings: usize) -> String {
    let what = format!(
        "{} {}, {} {} {}, {} pages in all",
        s.articles,
        plural(s.articles, "article", "articles"),
        s.symptom_pages,
        s.term_noun,
        plural(s.symptom_pages, "page", "pages"),
        s.pages
    );
    let ms = s.elapsed.as_millis();
    let warned = match warnings {
        0 => String::new(),
        n => format!(", {n} {}", plural(n, "warning", "warnings")),
    };
    match &s.out {
        Some(out) => format!("built {what} in {ms} ms -> {}/", escape(&shown(out, root))),
        None => format!("checked {what} in {ms} ms: no errors{warned} (nothing written)"),
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

fn report(failure: &Failure, printer: &mut Printer) -> u8 {
    for d in &failure.diagnostics {
        printer.err(&d.to_string());
    }
    let n = failure.diagnostics.len();
    printer.err(&format!(
        "{n} {} found; nothing was written",
        plural(n, "error", "errors")
    ));
    if failure.usage { 2 } else { 1 }
}

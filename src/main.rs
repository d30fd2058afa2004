//! The command line: parse arguments, run the pipeline, print diagnostics, set the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use ladder::diagnostic::{self, Format, Severity, Style};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ladder",
    version,
    about = "Build a career-path and pay site from YAML data",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
    /// The site folder holding data/, content/ and templates/
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print only diagnostics
    #[arg(long, short, global = true)]
    quiet: bool,
    /// How to print diagnostics
    #[arg(long, global = true, value_enum, default_value_t = OutFormat::Human)]
    format: OutFormat,
    /// Worker threads (default: all cores)
    #[arg(long, short, global = true)]
    jobs: Option<usize>,
    /// After the run, print how long each step took (load, model, validate, render, link check,
    /// write, the search index built beside them, swap in, printing diagnostics) to stderr
    #[arg(long, global = true)]
    timings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Human,
    Json,
}

#[derive(Args, Clone)]
struct CheckArgs {
    /// Treat warnings as errors
    #[arg(long)]
    strict: bool,
    /// The date staleness is judged against (YYYY-MM-DD; default: today)
    #[arg(long)]
    today: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate, render and write the site
    Build {
        /// Output folder (default: ROOT/public)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the output folder even if no ladder build wrote it (everything in it is deleted)
        #[arg(long)]
        force: bool,
        /// Override site.yaml's base_url (e.g. for preview deploys)
        #[arg(long)]
        base_url: Option<String>,
        #[command(flatten)]
        check: CheckArgs,
        #[command(flatten)]
        common: Common,
    },
    /// Everything build checks; writes nothing
    Check {
        #[command(flatten)]
        check: CheckArgs,
        #[command(flatten)]
        common: Common,
    },
    /// Build with drafts into a temporary folder, serve it, rebuild and reload on every change
    Serve {
        /// Port to listen on (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[command(flatten)]
        check: CheckArgs,
        #[command(flatten)]
        common: Common,
    },
    /// Write a commented starter for a new role, skill, path or guide
    New {
        #[arg(value_enum)]
        kind: NewKind,
        /// The new id (lowercase a-z, 0-9 and hyphens; a guide may be nested: `basics/intro`)
        id: String,
        #[command(flatten)]
        common: Common,
    },
    /// Write JSON Schemas of the data files and of roles.json
    Schema {
        /// Output folder (default: ROOT/schema)
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Role,
    Skill,
    Path,
    Guide,
}

/// `new` and `schema`: write files, print what was written, exit 0; or say why not, exit 1
/// (exit 2 for an id that is not an id).
fn run_editor_command(command: Command) -> ExitCode {
    let result = match command {
        Command::New { kind, id, common } => {
            let kind = match kind {
                NewKind::Role => ladder::scaffold::Kind::Role,
                NewKind::Skill => ladder::scaffold::Kind::Skill,
                NewKind::Path => ladder::scaffold::Kind::Path,
                NewKind::Guide => ladder::scaffold::Kind::Guide,
            };
            // An id that can never name the record is a usage error, as for a bad argument.
            if let Err(msg) = ladder::scaffold::check_id(kind, &id) {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
            ladder::scaffold::new(&common.root, kind, &id)
                .map(|c| c.files.iter().map(|f| common.root.join(f)).collect::<Vec<_>>())
        }
        Command::Schema { out, common } => {
            let dir = out.unwrap_or_else(|| common.root.join("schema"));
            ladder::schema::write(&dir).map_err(|e| format!("cannot write `{}`: {e}", dir.display()))
        }
        _ => return ExitCode::from(2),
    };
    match result {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let (common, check, mut out, force, base_url, serve) = match cli.command {
        Command::Build { out, force, base_url, check, common } => {
            let out = Some(out.unwrap_or_else(|| common.root.join("public")));
            (common, check, out, force, base_url, None)
        }
        Command::Check { check, common } => (common, check, None, false, None, None),
        Command::Serve { port, bind, check, common } => (common, check, None, false, None, Some((bind, port))),
        editor @ (Command::New { .. } | Command::Schema { .. }) => return run_editor_command(editor),
    };
    let today = match &check.today {
        Some(t) => match ladder::date::parse(t) {
            Some(d) => d,
            None => {
                eprintln!("error: `--today {t}` is not a date; write YYYY-MM-DD");
                return ExitCode::from(2);
            }
        },
        None => ladder::date::today(),
    };
    // `--out` resolved and checked, then held (one build at a time) until this process ends.
    let mut _out_lock = None;
    if let Some(out) = &mut out {
        let claimed = ladder::check_out_dir(&common.root, out).and_then(|resolved| {
            let lock = ladder::output::OutLock::acquire(&resolved, |pid| {
                let pid = pid.map(|p| format!(" (pid {p})")).unwrap_or_default();
                eprintln!("waiting for another build{pid} writing {}", resolved.display());
            })
            .map_err(|e| {
                let beside = resolved.parent().unwrap_or(&resolved).display();
                format!("cannot create the lock file of `--out {}` in `{beside}`: {e}; nothing was written\n  = help: the folder that holds the output folder must be writable", resolved.display())
            })?;
            ladder::output::check_replaceable(&resolved, force)?;
            Ok((resolved, lock))
        });
        match claimed {
            Ok((resolved, lock)) => {
                *out = resolved;
                _out_lock = Some(lock);
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(url) = &base_url {
        if ladder::urls::split_base_url(url).is_none() {
            eprintln!("error: `--base-url {url}` is not a valid address; write e.g. `https://example.org/sub/`");
            return ExitCode::from(2);
        }
    }
    if let Some(jobs) = common.jobs {
        if jobs == 0 {
            eprintln!("error: `--jobs` needs at least 1");
            return ExitCode::from(2);
        }
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
    }
    let style = Style {
        color: std::env::var_os("NO_COLOR").is_none()
            && std::io::stderr().is_terminal()
            && matches!(common.format, OutFormat::Human),
        github: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
    };
    let format = match common.format {
        OutFormat::Human => Format::Human,
        OutFormat::Json => Format::Json,
    };
    if let Some((bind, port)) = serve {
        let settings = ladder::serve::Settings {
            root: common.root.clone(),
            addr: std::net::SocketAddr::new(bind, port),
            strict: check.strict,
            today,
            quiet: common.quiet,
            format,
            style,
        };
        return match ladder::serve::run(settings) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(1)
            }
        };
    }
    let start = Instant::now();
    let opts = ladder::Options {
        root: common.root.clone(),
        out: out.clone(),
        base_url,
        strict: check.strict,
        today,
        drafts: false,
    };
    let show_progress = !common.quiet && format == Format::Human && std::io::stderr().is_terminal();
    let progress = ladder::progress::Progress::start(show_progress.then(|| Box::new(std::io::stderr()) as _));
    let outcome = ladder::run_with_progress(&opts, &progress);
    progress.finish();
    let printing = Instant::now();
    eprint!("{}", diagnostic::render_all(&outcome.diagnostics, &outcome.sources, format, &style));
    if common.timings {
        let mut steps: Vec<String> =
            outcome.steps.iter().map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1000.0)).collect();
        steps.push(format!("printing diagnostics {:.1} ms", printing.elapsed().as_secs_f64() * 1000.0));
        eprintln!("timings: {}", steps.join(", "));
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = outcome.diagnostics.len() - errors;
    let failed = outcome.failed(check.strict);
    if !common.quiet && format == Format::Human {
        let secs = start.elapsed().as_secs_f64();
        if failed {
            let strict_note = if check.strict && errors == 0 { " (--strict makes warnings errors)" } else { "" };
            eprintln!("failed: {errors} error(s), {warnings} warning(s){strict_note}; nothing was written");
        } else if let Some(out) = &out {
            eprintln!(
                "built {} pages, {} KB, in {:.0} ms into {} ({warnings} warning(s))",
                outcome.pages,
                outcome.bytes / 1024,
                secs * 1000.0,
                out.display()
            );
        } else {
            eprintln!("checked {} pages in {:.0} ms: {warnings} warning(s), no errors", outcome.pages, secs * 1000.0);
        }
    }
    if let (Some(left), Some(out)) = (&outcome.left_behind, &out) {
        eprintln!(
            "warning: the new site is in {}, but the previous output could not be removed ({}) and is left in {}\n  = help: remove it by hand; the next build into {} tries again",
            out.display(),
            left.error,
            left.path.display(),
            out.display()
        );
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

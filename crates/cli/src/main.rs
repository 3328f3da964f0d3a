//! `comptoir`: everything the desktop app does, from the command line.
//!
//! Errors are one line on stderr and a non-zero exit status; `--json` prints one JSON document.

mod args;
mod output;
mod peer;
mod run;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::args::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help and version go to stdout, as people expect.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => return fail(&one_line(&e.to_string()), 2),
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("COMPTOIR_LOG")
                .unwrap_or_else(|_| "off".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&one_line(&with_causes(&e)), 1),
    }
}

/// The error and its causes, each said once (many messages already include their cause).
fn with_causes(error: &anyhow::Error) -> String {
    let mut line = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}

/// Clap's messages span several lines; scripts want one.
fn one_line(message: &str) -> String {
    let text: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .collect();
    text.join(" ").trim_start_matches("error: ").to_string()
}

#[allow(clippy::print_stderr)] // The binary's one place that reports errors to the person.
fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("comptoir: {message}");
    ExitCode::from(code)
}

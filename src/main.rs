use std::process::ExitCode;

use clap::Parser;
use coderpath::{app, cli::Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.global.stderr_color();
    match app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{}", e.render(color));
            ExitCode::from(e.exit_code())
        }
    }
}

use std::process::ExitCode;

use coderpath::app;

fn main() -> ExitCode {
    let cli = coderpath::cli::parse();
    let color = cli.global.stderr_color();
    match app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("{}", e.render(color));
            ExitCode::from(e.exit_code())
        }
    }
}

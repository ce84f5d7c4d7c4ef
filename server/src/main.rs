//! Starts the server: configuration, database, migrations, demo data or the setup link, then
//! serves until Ctrl-C or SIGTERM.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    server::init_tracing();
    let args: Vec<String> = std::env::args().collect();
    match server::run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %server::error_chain(&*e), "server stopped");
            ExitCode::FAILURE
        }
    }
}

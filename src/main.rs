fn main() -> std::process::ExitCode {
    coderpath::app::main()
}

/// mimalloc: fewer page faults and cheaper small allocations than the system allocator
/// (BENCHMARKS.md, "The allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    coderpath::app::main()
}

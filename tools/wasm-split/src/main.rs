//! `relance-wasm-split <input.wasm> <pkg dir> <main out.wasm> <output name>`
//!
//! Does what `cargo leptos build --split` does between cargo and wasm-bindgen: cuts the module at
//! every `#[lazy]` function (each `#[lazy_route]` page view) into chunks in the pkg folder, writes
//! the main module to go through wasm-bindgen, and writes `__wasm_split_manifest.json`, from which
//! the server names the chunks a page needs so the browser fetches them with the page.

use std::{path::Path, process::ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg_dir, main_out, output_name] = args.as_slice() else {
        eprintln!("usage: relance-wasm-split <input.wasm> <pkg dir> <main out.wasm> <output name>");
        return ExitCode::from(2);
    };
    match split(
        Path::new(input),
        Path::new(pkg_dir),
        Path::new(main_out),
        output_name,
    ) {
        Ok(chunks) => {
            println!("{chunks} chunks written to {pkg_dir}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("relance-wasm-split: {error}");
            ExitCode::FAILURE
        }
    }
}

fn split(
    input: &Path,
    pkg_dir: &Path,
    main_out: &Path,
    output_name: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    let input_wasm = std::fs::read(input)?;
    std::fs::create_dir_all(pkg_dir)?;
    // Chunks load the main module relative to the JS file wasm-bindgen writes beside them.
    let main_module = format!("./{output_name}.js");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input_wasm);
        opts.output_dir = pkg_dir;
        opts.main_out_path = main_out;
        opts.main_module = &main_module;
        // The name leptos's HydrationScripts expects when files are not hashed.
        opts.link_name = "./__wasm_split.______________________.js";
        opts
    })?;
    std::fs::write(
        pkg_dir.join("__wasm_split_manifest.json"),
        serde_json::to_string_pretty(&split.prefetch_map)?,
    )?;
    Ok(split.split_modules.len())
}

//! Configuration from the environment (and `.env` through dotenvy; the environment wins).

use std::path::PathBuf;

pub const SEEDS_DIR_VAR: &str = "KINOTANU_SEEDS_DIR";
pub const INDEX_DIR_VAR: &str = "KINOTANU_INDEX_DIR";

/// Loads `.env` from the working directory if there is one. Variables already set win.
pub fn load_dotenv() {
    let _ = dotenvy::dotenv();
}

fn path_from_env(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// `KINOTANU_SEEDS_DIR` when it is set.
pub fn seeds_dir_from_env() -> Option<PathBuf> {
    std::env::var_os(SEEDS_DIR_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `--seeds`, else `KINOTANU_SEEDS_DIR`, else `./seeds`.
pub fn seeds_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.unwrap_or_else(|| path_from_env(SEEDS_DIR_VAR, "seeds"))
}

/// `--index`, else `KINOTANU_INDEX_DIR`, else `./index`.
pub fn index_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.unwrap_or_else(|| path_from_env(INDEX_DIR_VAR, "index"))
}

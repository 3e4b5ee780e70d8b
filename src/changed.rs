//! `--changed-since GIT_REF`: the files git says changed since a ref (committed, staged or
//! in the working tree, and new untracked files), so that a pull-request gate audits only the
//! articles the change touches, with their sidecar bibliographies.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};
use crate::input::companions;
use crate::input::format::SIDECAR_EXTENSIONS;
use crate::pipeline::Source;

/// Absolute paths of the files changed since `reference`, asking git in `dir`'s repository.
pub fn changed_files(dir: &Path, reference: &str) -> Result<HashSet<PathBuf>> {
    let top = git(dir, &["rev-parse", "--show-toplevel"], reference)?;
    let top = PathBuf::from(top.trim());
    let mut changed = HashSet::new();
    for args in [
        vec!["diff", "--name-only", reference, "--"],
        vec!["ls-files", "--others", "--exclude-standard"],
    ] {
        for name in git(&top, &args, reference)?
            .lines()
            .filter(|l| !l.is_empty())
        {
            let path = top.join(name);
            changed.insert(path.canonicalize().unwrap_or(path));
        }
    }
    Ok(changed)
}

/// Keep the sources that changed, or whose sidecar bibliography, `\input` chapter or named
/// bibliography changed.
pub fn keep_changed(sources: &mut Vec<Source>, changed: &HashSet<PathBuf>) {
    // A file that no longer exists (a deleted bibliography) cannot be resolved: its
    // absolute path is what git names.
    let touched = |path: &Path| match path.canonicalize() {
        Ok(resolved) => changed.contains(&resolved),
        Err(_) => changed.contains(&companions::absolute(path)),
    };
    sources.retain(|s| {
        touched(&s.path)
            // Every sidecar it could have, so that a deleted one counts as a change.
            || SIDECAR_EXTENSIONS
                .iter()
                .map(|ext| s.path.with_extension(ext))
                .any(|b| b != s.path && touched(&b))
            || s.companions.iter().any(|c| touched(c))
    });
}

fn git(dir: &Path, args: &[&str], reference: &str) -> Result<String> {
    let failure = |message: String| Error::Input {
        path: dir.to_path_buf(),
        message: format!("--changed-since {reference}: {message}"),
    };
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| failure(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(failure(
            stderr.lines().next().unwrap_or("git failed").to_string(),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

//! The built-in scenarios: the TOML files in `crates/fauxport-server/scenarios/`, compiled in.
//! Each is also an example of the file format.

use super::Scenario;

/// The built-in scenario files, by file name.
pub const FILES: [(&str, &str); 19] = [
    ("happy.toml", include_str!("../../scenarios/happy.toml")),
    (
        "slow-task.toml",
        include_str!("../../scenarios/slow-task.toml"),
    ),
    (
        "failed-task.toml",
        include_str!("../../scenarios/failed-task.toml"),
    ),
    (
        "canceled-task.toml",
        include_str!("../../scenarios/canceled-task.toml"),
    ),
    (
        "partial-errors.toml",
        include_str!("../../scenarios/partial-errors.toml"),
    ),
    (
        "retryable-outage.toml",
        include_str!("../../scenarios/retryable-outage.toml"),
    ),
    (
        "rate-limited.toml",
        include_str!("../../scenarios/rate-limited.toml"),
    ),
    (
        "no-access.toml",
        include_str!("../../scenarios/no-access.toml"),
    ),
    (
        "slow-graphql.toml",
        include_str!("../../scenarios/slow-graphql.toml"),
    ),
    (
        "flaky-pages.toml",
        include_str!("../../scenarios/flaky-pages.toml"),
    ),
    (
        "truncated-page.toml",
        include_str!("../../scenarios/truncated-page.toml"),
    ),
    (
        "expired-url.toml",
        include_str!("../../scenarios/expired-url.toml"),
    ),
    (
        "throttled.toml",
        include_str!("../../scenarios/throttled.toml"),
    ),
    (
        "stalled-page.toml",
        include_str!("../../scenarios/stalled-page.toml"),
    ),
    (
        "empty-export.toml",
        include_str!("../../scenarios/empty-export.toml"),
    ),
    (
        "hostile-content.toml",
        include_str!("../../scenarios/hostile-content.toml"),
    ),
    (
        "large-export.toml",
        include_str!("../../scenarios/large-export.toml"),
    ),
    (
        "huge-rows.toml",
        include_str!("../../scenarios/huge-rows.toml"),
    ),
    (
        "legacy-export.toml",
        include_str!("../../scenarios/legacy-export.toml"),
    ),
];

/// The built-in scenarios, in catalog order.
///
/// # Panics
/// Never: a test parses every file, so a broken one fails the build's tests, not a server.
pub fn builtin() -> Vec<Scenario> {
    FILES
        .iter()
        .filter_map(|(file, text)| match Scenario::from_toml(text) {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::error!(file, error = %e, "a built-in scenario does not parse");
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_and_is_named_after_its_file() {
        let mut names = Vec::new();
        for (file, text) in FILES {
            let s = Scenario::from_toml(text).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(format!("{}.toml", s.name), file);
            assert!(!s.description.is_empty(), "{file} has no description");
            names.push(s.name);
        }
        assert_eq!(builtin().len(), FILES.len());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("scenarios/")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(f, _)| (*f).to_owned()).collect();
        listed.sort();
        assert_eq!(on_disk, listed, "every file in scenarios/ is compiled in");
    }
}

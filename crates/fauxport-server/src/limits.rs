//! Every limit on what one request, one API key or one served world may cost, in one place: the
//! GraphQL engine's limits, export work per request and per key, page sizes, key lengths, the
//! sizes of served worlds and scenarios, and how much of a bad value an error message echoes.
//!
//! [`Limits`] holds the ones a user may change (`fauxport serve --max-...`); the constants are
//! fixed. `docs/serve.md` ("Limits") lists them all.

use crate::errors::ApiError;

/// The limits a server runs with (`ServerConfig::limits`). The defaults are generous: every
/// query text either official SDK version sends passes them (tested), and a hostile request is
/// refused before it costs more than a few milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of selections in a GraphQL operation (fragments expanded). Default 16;
    /// the SDK's deepest query nests 5.
    pub query_depth: usize,
    /// Most field selections in a GraphQL document once every fragment spread is expanded (an
    /// alias counts as a field). Default 1000; the SDK's largest query selects under 100. This is
    /// checked before the engine sees the document, so a fragment bomb costs one cheap walk.
    pub query_fields: usize,
    /// The engine's complexity limit (each field costs 1). Default 1000.
    pub query_complexity: usize,
    /// Export mutations in one request. Default 1: the SDK sends one.
    pub exports_per_request: usize,
    /// Table passes an API key may have running at once; more are refused with the rate-limit
    /// error. Default 8.
    pub running_exports_per_key: usize,
    /// Largest `first:` (page size) a list or connection accepts. Default 1000.
    pub page_size: u32,
    /// Longest API key accepted, in bytes. Default 4 KiB (Labelbox keys are JWTs of 1–2 KB).
    pub key_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            query_depth: 16,
            query_fields: 1000,
            query_complexity: 1000,
            exports_per_request: 1,
            running_exports_per_key: 8,
            page_size: 1000,
            key_bytes: 4096,
        }
    }
}

/// The parser's recursion limit (nested lists, objects and selections in the text itself).
pub const QUERY_RECURSION: usize = 32;

/// Most directives on one field.
pub const QUERY_DIRECTIVES: usize = 8;

/// Request bodies larger than this are parsed and checked on the blocking pool, off the async
/// workers.
pub const BLOCKING_BODY_BYTES: usize = 16 * 1024;

/// The largest huge-row text a served world or scenario may ask for: 16 MiB. A page is
/// rendered a row at a time, so one render holds about one row; 256 MiB rows (what `generate`
/// allows) made an 826 MB page body.
pub const SERVED_HUGE_ROW_BYTES: u64 = 16 << 20;

/// The most rows per project a served world or a scenario may ask for.
pub const SERVED_ROWS: u64 = 100_000_000;

/// How many characters of a bad value an error message echoes (see [`crate::errors::echo`]).
pub use crate::errors::ECHO_CHARS;

impl Limits {
    /// Checks the length of an API key.
    pub fn check_key(&self, key: &str) -> Result<(), ApiError> {
        if key.len() > self.key_bytes {
            return Err(ApiError::unauthenticated_because(&format!(
                "the API key is {} bytes, over the limit of {} bytes",
                key.len(),
                self.key_bytes
            )));
        }
        Ok(())
    }

    /// Checks a `first:` argument named `argument` against [`Limits::page_size`].
    pub fn check_page_size(&self, argument: &str, first: u64) -> Result<(), ApiError> {
        if first > u64::from(self.page_size) {
            return Err(ApiError::bad_input(
                argument,
                format!("{first} is over the page size limit of {}", self.page_size),
            ));
        }
        Ok(())
    }
}

/// Checks the sizes a served world or scenario asks for: `rows` per project and the huge-row
/// text size, each named after `prefix` (`content.` for a scenario).
pub fn check_served_sizes(
    prefix: &str,
    rows: Option<u64>,
    huge_row_bytes: Option<u64>,
) -> Result<(), String> {
    if let Some(bytes) = huge_row_bytes
        && bytes > SERVED_HUGE_ROW_BYTES
    {
        return Err(format!(
            "{prefix}huge_row_bytes: {bytes} is over the limit of {SERVED_HUGE_ROW_BYTES} \
             (16 MiB) for a served world"
        ));
    }
    if let Some(rows) = rows
        && rows > SERVED_ROWS
    {
        return Err(format!(
            "{prefix}rows: {rows} is over the limit of {SERVED_ROWS}"
        ));
    }
    Ok(())
}

/// Checks a world the server is to serve: every project's `rows` and the world's huge-row size
/// (`projects[i].rows`, `huge_row_bytes` as a world file names them).
pub fn check_served_world(spec: &fauxport_gen::WorldSpec) -> Result<(), String> {
    check_served_sizes("world: ", None, Some(spec.huge_row_bytes))?;
    for (i, project) in spec.projects.iter().enumerate() {
        check_served_sizes(&format!("world: projects[{i}]."), Some(project.rows), None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_cuts_long_values_and_keeps_short_ones() {
        assert_eq!(crate::errors::echo("2024-01-01"), "2024-01-01");
        let long = "9".repeat(900_000);
        let shown = crate::errors::echo(&long);
        assert!(shown.len() < 300, "{}", shown.len());
        assert!(shown.ends_with("… (900000 bytes)"), "{shown}");
        // Never cuts inside a character.
        let wide = "é".repeat(500);
        assert!(crate::errors::echo(&wide).starts_with(&"é".repeat(ECHO_CHARS)));

        // Every message is bounded, whatever it was built from.
        let message = crate::errors::ApiError::bad_input("x", "y".repeat(1 << 20)).message;
        assert!(message.len() < 1000, "{}", message.len());
        assert!(message.starts_with("x: yyy"), "{message}");
    }

    #[test]
    fn served_sizes_name_the_field_and_the_limit() {
        assert_eq!(
            check_served_sizes("content.", Some(10), Some(1 << 20)),
            Ok(())
        );
        let e = check_served_sizes("content.", None, Some(256 << 20)).unwrap_err();
        assert!(
            e.starts_with("content.huge_row_bytes: 268435456 is over the limit of 16777216"),
            "{e}"
        );
        let e = check_served_sizes("", Some(SERVED_ROWS + 1), None).unwrap_err();
        assert!(e.starts_with("rows: "), "{e}");
    }
}

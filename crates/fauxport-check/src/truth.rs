//! The ground truth of a task: what a client that reads every page of a stream receives,
//! rendered again from the world the task was created over, one line at a time.

use fauxport_gen::Stream;
use fauxport_server::export::{Task, render_page};
use serde_json::Value;

/// Bytes rendered per piece.
const PIECE: usize = 256 * 1024;

/// Calls `line` with each line (without its newline) of `stream` of `task`, in order; stops
/// when it returns `false`. Nothing is rendered for a task whose page pass has not finished.
pub fn for_each_line(task: &Task, stream: Stream, line: &mut dyn FnMut(&[u8]) -> bool) {
    let Some(tables) = task.tables() else {
        return;
    };
    let mut pending: Vec<u8> = Vec::new();
    let mut alive = true;
    for page in &tables.stream(stream).pages {
        render_page(
            task.world(),
            &task.spec,
            stream,
            page,
            PIECE,
            &mut |piece| {
                pending.extend_from_slice(&piece);
                let mut start = 0;
                while let Some(end) = pending[start..].iter().position(|&b| b == b'\n') {
                    if !line(&pending[start..start + end]) {
                        alive = false;
                        return false;
                    }
                    start += end + 1;
                }
                pending.drain(..start);
                true
            },
        );
        if !alive {
            return;
        }
    }
}

/// A line's identity for comparison: its JSON re-serialised with sorted keys, hashed (so key
/// order, whitespace and escapes chosen by the client do not matter).
pub fn canonical_hash(value: &Value) -> u64 {
    fauxport_gen::rng::hash_str(&value.to_string())
}

/// The id a row is matched by: `data_row.id` (else `data_row.global_key`).
pub fn row_id(value: &Value) -> Option<&str> {
    value
        .pointer("/data_row/id")
        .or_else(|| value.pointer("/data_row/global_key"))
        .and_then(Value::as_str)
}

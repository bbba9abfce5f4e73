//! The page table as the SDK sees it: line-aligned pages with absolute, inclusive, contiguous
//! ranges; lookups by offset and by line return the containing page; past the end is `null`.

use fauxport_model::ExportParams;
use serde_json::{Value, json};

use crate::support::{
    ERRORS_PROJECT, FileInfo, KEY, PAGE_ROWS, Streamed, count_lines, export_variables, server,
};

/// A finished export of `p` with all params, and one of its streams read in full.
async fn exported(p: usize, stream: &str) -> (String, Streamed) {
    let s = server();
    let done = s
        .export(
            KEY,
            export_variables(&s.project_id(p), &ExportParams::all(), json!([])),
        )
        .await;
    let read = s
        .read_stream(KEY, &done.id, stream)
        .await
        .unwrap_or_else(|| panic!("{stream} of project {p} is empty"));
    (done.id, read)
}

#[tokio::test]
async fn pages_are_line_aligned_contiguous_and_sized_by_page_rows() {
    for (p, stream) in [
        (0, "RESULT"),
        (3, "RESULT"),
        (ERRORS_PROJECT, "RESULT"),
        (ERRORS_PROJECT, "ERRORS"),
    ] {
        let (_, read) = exported(p, stream).await;
        let what = format!("{stream} of project {p}");
        assert!(
            read.pages.len() as u64 == read.total_lines.div_ceil(PAGE_ROWS),
            "{what}: {} pages",
            read.pages.len()
        );
        let (mut next_offset, mut next_line) = (0, 0);
        for (info, body) in &read.pages {
            assert_eq!(
                info.offsets.0, next_offset,
                "{what}: byte ranges are contiguous"
            );
            assert_eq!(
                info.lines.0, next_line,
                "{what}: line ranges are contiguous"
            );
            assert!(body.ends_with(b"\n"), "{what}: page {info:?} ends mid-line");
            assert_eq!(
                count_lines(body),
                info.lines.1 - info.lines.0 + 1,
                "{what}: lines of page {info:?}"
            );
            assert!(
                !body.starts_with(b"\n") && !body.windows(2).any(|w| w == b"\n\n"),
                "{what}: blank line"
            );
            assert!(
                info.lines.1 - info.lines.0 < PAGE_ROWS,
                "{what}: page over {PAGE_ROWS} lines"
            );
            next_offset = info.offsets.1 + 1;
            next_line = info.lines.1 + 1;
        }
        assert_eq!(
            next_offset, read.total_size,
            "{what}: the last page ends at totalSize - 1"
        );
        assert_eq!(
            next_line, read.total_lines,
            "{what}: the last page ends at totalLines - 1"
        );
    }
}

/// The same page, compared by ranges (URLs carry an expiry that may tick between calls).
fn same_page(a: &FileInfo, b: &FileInfo) -> bool {
    a.offsets == b.offsets && a.lines == b.lines
}

#[tokio::test]
async fn lookup_by_line_returns_the_page_holding_the_line() {
    let s = server();
    let (task, read) = exported(0, "RESULT").await;
    for line in 0..read.total_lines {
        let got = s
            .file_from_line(KEY, &task, "RESULT", json!(line))
            .await
            .unwrap_or_else(|| panic!("line {line}"));
        let (want, body) = read
            .pages
            .iter()
            .find(|(i, _)| i.lines.0 <= line && line <= i.lines.1)
            .expect("a page");
        assert!(
            same_page(&got, want),
            "line {line}: got {got:?}, want {want:?}"
        );
        if line % 37 == 0 {
            assert!(&s.page(&got).await == body, "line {line}: the page's bytes");
        }
    }
    // `line` may come as a numeric string too (UInt64 accepts both).
    let by_string = s
        .file_from_line(KEY, &task, "RESULT", json!("120"))
        .await
        .expect("line 120");
    assert_eq!(by_string.lines, (100, 149));
    assert_eq!(
        s.file_from_line(KEY, &task, "RESULT", json!(read.total_lines))
            .await,
        None,
        "line == totalLines"
    );
    assert_eq!(
        s.file_from_line(KEY, &task, "RESULT", json!(u64::MAX))
            .await,
        None,
        "line u64::MAX"
    );
}

#[tokio::test]
async fn lookup_by_offset_returns_the_page_holding_the_offset() {
    let s = server();
    for (p, stream) in [(1, "RESULT"), (ERRORS_PROJECT, "ERRORS")] {
        let (task, read) = exported(p, stream).await;
        for (want, _) in &read.pages {
            let (start, end) = want.offsets;
            for offset in [
                start,
                start + 1,
                start + (end - start) / 2,
                end.saturating_sub(1).max(start),
                end,
            ] {
                for sent in [Value::String(offset.to_string()), json!(offset)] {
                    let got = s.file_from_offset(KEY, &task, stream, sent.clone()).await;
                    let got =
                        got.unwrap_or_else(|| panic!("{stream}: offset {sent} is inside {want:?}"));
                    assert!(
                        same_page(&got, want),
                        "{stream}: offset {sent}: got {got:?}, want {want:?}"
                    );
                }
            }
        }
        for past in [
            json!(read.total_size.to_string()),
            json!(read.total_size + 1),
            json!(u64::MAX.to_string()),
        ] {
            assert_eq!(
                s.file_from_offset(KEY, &task, stream, past.clone()).await,
                None,
                "{stream}: offset {past}"
            );
        }
    }
}

#[tokio::test]
async fn page_responses_carry_their_length() {
    let s = server();
    let (_, read) = exported(0, "RESULT").await;
    let (info, _) = &read.pages[1];
    let response = s.get(&info.file).await;
    let length = response
        .headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert_eq!(
        length,
        Some(info.offsets.1 - info.offsets.0 + 1),
        "Content-Length of {info:?}"
    );
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("application/x-ndjson"));
}

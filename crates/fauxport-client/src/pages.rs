//! Reading a stream: page lookups by byte offset, page downloads that are checked and retried,
//! and the NDJSON split into rows.

use std::ops::RangeInclusive;
use std::time::Instant;

use futures_util::{Stream, TryStreamExt};
use serde_json::{Value, json};

use crate::error::{ClientError, Failure, describe};
use crate::export::{ExportTask, Header, StreamKind, field, number, string};
use crate::limits::body_buffer;
use crate::lines::{Rows, Source, stream_of};
use crate::observe::RequestKind;
use crate::retry::Backoff;
use crate::{Client, queries};

/// A page as `exportFileFromOffset` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's bytes within the stream, inclusive.
    pub offsets: RangeInclusive<u64>,
    /// The page's lines within the stream, inclusive.
    pub lines: RangeInclusive<u64>,
    /// The absolute URL of the page's bytes (fetched without credentials).
    pub file: String,
}

impl Client {
    /// The page containing byte `offset` of a stream, or `None` when the server has none there.
    pub async fn page(
        &self,
        task: &ExportTask,
        stream: StreamKind,
        offset: u64,
    ) -> Result<Option<PageInfo>, ClientError> {
        let variables = json!({
            "where": {"id": task.id},
            "streamType": stream.as_str(),
            // The SDK sends the offset as a string.
            "offset": offset.to_string(),
        });
        let data = self.graphql(queries::FILE_FROM_OFFSET, variables).await?;
        let file = field(&data, &["task", "exportFileFromOffset"])?;
        if file.is_null() {
            return Ok(None);
        }
        let range = |name: &str| -> Result<RangeInclusive<u64>, ClientError> {
            let start = number(field(file, &[name, "start"])?, &format!("{name}.start"))?;
            let end = number(field(file, &[name, "end"])?, &format!("{name}.end"))?;
            if start > end {
                return Err(ClientError::Protocol(format!(
                    "{name} {start}..={end} is an empty range"
                )));
            }
            Ok(start..=end)
        };
        Ok(Some(PageInfo {
            offsets: range("offsets")?,
            lines: range("lines")?,
            file: string(field(file, &["file"])?, "exportFileFromOffset.file")?,
        }))
    }

    /// The rows of a stream, in order, one parsed NDJSON line each. An empty stream (`null`
    /// header) has no rows.
    ///
    /// Pages are looked up by offset and downloaded without credentials; a page's rows are
    /// yielded once the whole page has arrived and is exactly `end - start + 1` bytes. A 5xx,
    /// a connection error, a timeout or a body of the wrong length is retried under the
    /// client's [`RetryPolicy`](crate::RetryPolicy) by looking the same offset up again (a
    /// fresh URL) and downloading the page again; a 4xx is final. Blank or invalid lines, and
    /// totals that disagree with the pages, end the stream with [`ClientError::Protocol`].
    pub fn stream(
        &self,
        task: &ExportTask,
        stream: StreamKind,
    ) -> impl Stream<Item = Result<Value, ClientError>> + Send + 'static {
        stream_of(Pager::new(self.clone(), task.clone(), stream))
    }

    /// Every row of a stream ([`Client::stream`], collected).
    pub async fn collect(
        &self,
        task: &ExportTask,
        stream: StreamKind,
    ) -> Result<Vec<Value>, ClientError> {
        self.stream(task, stream).try_collect().await
    }

    /// One page download, exactly `expected` bytes, reported to the observer.
    async fn download(&self, url: &str, expected: u64) -> Result<Vec<u8>, Failure> {
        let started = Instant::now();
        let mut received = 0;
        let result = self.download_body(url, expected, &mut received).await;
        let error = result.as_ref().err().map(|f| &f.error);
        self.observe(RequestKind::Page, started, received, error);
        result
    }

    /// The body of one page download; `received` counts its bytes as they arrive.
    async fn download_body(
        &self,
        url: &str,
        expected: u64,
        received: &mut u64,
    ) -> Result<Vec<u8>, Failure> {
        let mut response = self.http.get(url).send().await.map_err(page_failure)?;
        let status = response.status().as_u16();
        if status >= 500 {
            return Err(Failure::transient(ClientError::Http { status }));
        }
        if !(200..300).contains(&status) {
            return Err(Failure::fatal(ClientError::Http { status }));
        }
        let wrong_length = |got: u64| Failure::transient(ClientError::PageLength { expected, got });
        if let Some(announced) = response.content_length()
            && announced != expected
        {
            return Err(wrong_length(announced));
        }
        let mut body = body_buffer(Some(expected));
        while let Some(chunk) = response.chunk().await.map_err(page_failure)? {
            body.extend_from_slice(&chunk);
            *received = body.len() as u64;
            if body.len() as u64 > expected {
                return Err(wrong_length(body.len() as u64));
            }
        }
        if body.len() as u64 != expected {
            return Err(wrong_length(body.len() as u64));
        }
        Ok(body)
    }
}

/// Every failure to fetch a page's bytes is worth another try.
pub(crate) fn page_failure(error: reqwest::Error) -> Failure {
    Failure::transient(if error.is_timeout() {
        ClientError::Timeout
    } else {
        ClientError::Transport(describe(&error))
    })
}

/// The state of one [`Client::stream`].
struct Pager {
    client: Client,
    task: ExportTask,
    stream: StreamKind,
    /// `None` until asked; then the header (`None` inside for an empty stream).
    header: Option<Option<Header>>,
    /// The next byte to fetch.
    offset: u64,
    rows: Rows,
}

impl Pager {
    fn new(client: Client, task: ExportTask, stream: StreamKind) -> Pager {
        Pager {
            client,
            task,
            stream,
            header: None,
            offset: 0,
            rows: Rows::default(),
        }
    }

    /// Reads the next page into `rows`, or finishes the stream after checking its totals.
    async fn advance(&mut self) -> Result<(), ClientError> {
        let header = match self.header {
            Some(header) => header,
            None => {
                let header = self.client.header(&self.task, self.stream).await?;
                self.header = Some(header);
                header
            }
        };
        let Some(header) = header else {
            self.rows.done = true;
            return Ok(());
        };
        if self.offset >= header.total_size {
            self.rows.done = true;
            if let Some(problem) = self.rows.unfinished() {
                return Err(self.protocol(format!("the stream {problem}")));
            }
            if self.rows.lines() != header.total_lines {
                return Err(self.protocol(format!(
                    "totalLines is {} but the pages hold {} lines",
                    header.total_lines,
                    self.rows.lines()
                )));
            }
            return Ok(());
        }
        let (body, skip, next) = self.fetch(header.total_size).await?;
        self.offset = next;
        self.split(&body[skip..])
    }

    /// The page at `offset`, retried as a whole: `(body, bytes to skip, next offset)`.
    async fn fetch(&self, total_size: u64) -> Result<(Vec<u8>, usize, u64), ClientError> {
        let offset = self.offset;
        let mut backoff = Backoff::new(&self.client.retry, self.client.next_call());
        loop {
            let info = self
                .client
                .page(&self.task, self.stream, offset)
                .await?
                .ok_or_else(|| {
                    self.protocol(format!("no page at offset {offset} of {total_size} bytes"))
                })?;
            let (start, end) = (*info.offsets.start(), *info.offsets.end());
            if !(start <= offset && offset <= end && end < total_size) {
                return Err(self.protocol(format!(
                    "the page for offset {offset} covers bytes {start}..={end} of {total_size}"
                )));
            }
            let limit = self.client.limits.max_page_bytes;
            if end - start + 1 > limit {
                return Err(ClientError::TooLarge {
                    what: format!(
                        "the {} page at bytes {start}..={end} of task {}",
                        self.stream.as_str(),
                        self.task.id
                    ),
                    size: end - start + 1,
                    limit,
                });
            }
            match self.client.download(&info.file, end - start + 1).await {
                // `offset - start` is within the body, which is `end - start + 1` bytes.
                Ok(body) => {
                    let skip = usize::try_from(offset - start).unwrap_or(body.len());
                    return Ok((body, skip, end + 1));
                }
                Err(Failure { error, retry: true }) => backoff.retry(error).await?,
                Err(Failure { error, .. }) => return Err(error),
            }
        }
    }

    /// Splits `bytes`, after any partial line carried from the previous page, into rows; a
    /// partial line at the end is carried to the next page.
    fn split(&mut self, bytes: &[u8]) -> Result<(), ClientError> {
        let max_line = self.client.limits.max_page_bytes;
        self.rows
            .split(bytes, max_line)
            .map_err(|problem| self.protocol(problem))
    }

    fn protocol(&self, problem: String) -> ClientError {
        ClientError::Protocol(format!(
            "{} stream of task {}: {problem}",
            self.stream.as_str(),
            self.task.id
        ))
    }
}

impl Source for Pager {
    fn rows(&mut self) -> &mut Rows {
        &mut self.rows
    }

    async fn fill(&mut self) -> Result<(), ClientError> {
        self.advance().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    /// Splits `pages` in turn: the rows, or the first error's message.
    fn check(pages: &[&str], expect: Result<Vec<Value>, &str>) {
        let task = ExportTask {
            id: "cltask".into(),
            streamable: true,
        };
        let mut pager = Pager::new(
            Client::new("http://127.0.0.1:9/graphql", "k"),
            task,
            StreamKind::Result,
        );
        let got = pages
            .iter()
            .try_for_each(|page| pager.split(page.as_bytes()))
            .map(|()| pager.rows.drain());
        match (got, expect) {
            (Ok(rows), Ok(want)) => assert_eq!(rows, want, "{pages:?}"),
            (Err(ClientError::Protocol(m)), Err(want)) => {
                assert!(m.contains(want), "{pages:?}: {m:?} should mention {want:?}")
            }
            (got, want) => panic!("{pages:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn pages_split_into_rows_across_page_boundaries() {
        check(
            &["{\"a\":1}\n{\"b\":2}\n"],
            Ok(vec![json!({"a": 1}), json!({"b": 2})]),
        );
        check(
            &["{\"a\":", "1}\n{\"b\"", ":2}\n"],
            Ok(vec![json!({"a": 1}), json!({"b": 2})]),
        );
        check(&["{\"a\":\"x{y\"}\n"], Ok(vec![json!({"a": "x{y"})]));
        check(
            &["{\"a\":1}\n\n"],
            Err("RESULT stream of task cltask: line 2 is blank"),
        );
        check(&["{\"a\":1}\n", "{nope}\n"], Err("line 2 is not JSON"));
    }

    #[test]
    fn a_line_over_the_limit_ends_the_stream_whatever_the_pages() {
        let limits = Limits {
            max_page_bytes: 8,
            ..Limits::default()
        };
        let split = |pages: &[&str]| {
            let mut pager = Pager::new(
                Client::new("http://127.0.0.1:9/graphql", "k").with_limits(limits),
                ExportTask {
                    id: "cltask".into(),
                    streamable: true,
                },
                StreamKind::Result,
            );
            pages
                .iter()
                .try_for_each(|page| pager.split(page.as_bytes()))
                .map(|()| pager.rows.drain().len())
        };
        assert_eq!(split(&["{\"a\":1}\n{\"b\"", ":22}\n"]).ok(), Some(2));
        assert_eq!(split(&["{\"a\":1}\n{\"b\":2", "2", "}\n"]).ok(), Some(2));
        for pages in [
            &["{\"a\":1}\n{\"b\":\"xxx"][..],
            &["{\"b\":", "\"x", "xx"][..],
        ] {
            match split(pages) {
                Err(ClientError::Protocol(m)) => {
                    assert!(m.ends_with("is longer than the limit of 8 bytes"), "{m}")
                }
                other => panic!("{pages:?}: {other:?}"),
            }
        }
    }
}

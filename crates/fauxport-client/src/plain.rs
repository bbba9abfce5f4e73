//! The plain whole-stream download, `GET /projects/{id}/export.ndjson`: fauxport's route for
//! curl and load tools (not part of Labelbox's protocol, and the SDK never calls it).

use std::time::Instant;

use fauxport_model::ExportParams;
use futures_util::Stream;
use serde_json::Value;

use crate::Client;
use crate::error::{ClientError, Failure};
use crate::export::StreamKind;
use crate::lines::{Rows, Source, stream_of};
use crate::observe::RequestKind;
use crate::pages::page_failure;
use crate::retry::Backoff;

impl Client {
    /// The rows of a stream of `project_id` from fauxport's plain download
    /// (`<base>/projects/<id>/export.ndjson?stream=...&params=...`, `<base>` being the endpoint
    /// without `/graphql`), in order, one parsed NDJSON line each, read as the body arrives.
    ///
    /// The request is retried under the client's [`RetryPolicy`](crate::RetryPolicy) while no
    /// byte of the body has arrived (5xx, connection errors, timeouts); a 4xx is final, and so
    /// is a failure mid-body (a plain download cannot resume without yielding rows twice). A
    /// body that ends inside a line, or a blank or invalid line, ends the stream with
    /// [`ClientError::Protocol`]. The body carries no length, so a body cut at a line boundary
    /// is only caught by comparing the rows with the truth.
    pub fn download_project(
        &self,
        project_id: &str,
        params: &ExportParams,
        stream: StreamKind,
    ) -> impl Stream<Item = Result<Value, ClientError>> + Send + 'static {
        let base = self
            .endpoint
            .trim_end_matches('/')
            .trim_end_matches("/graphql");
        let url = format!(
            "{base}/projects/{project_id}/export.ndjson?stream={}&params={}",
            stream.as_str().to_ascii_lowercase(),
            params.names()
        );
        stream_of(Plain {
            client: self.clone(),
            url,
            response: None,
            started: Instant::now(),
            bytes: 0,
            rows: Rows::default(),
        })
    }
}

/// The state of one [`Client::download_project`].
struct Plain {
    client: Client,
    url: String,
    /// The response whose body is being read, once it answered.
    response: Option<reqwest::Response>,
    /// When the attempt that answered was sent.
    started: Instant,
    /// Body bytes so far.
    bytes: u64,
    rows: Rows,
}

impl Source for Plain {
    fn rows(&mut self) -> &mut Rows {
        &mut self.rows
    }

    async fn fill(&mut self) -> Result<(), ClientError> {
        self.read().await
    }
}

impl Plain {
    /// Reads the next piece of the body into `rows` (sending the request first), or ends the
    /// stream; the end or a failure of the body is reported to the observer.
    async fn read(&mut self) -> Result<(), ClientError> {
        if self.response.is_none() {
            let response = self.open().await?;
            self.response = Some(response);
        }
        let Some(response) = self.response.as_mut() else {
            return Ok(());
        };
        let chunk = response.chunk().await;
        let result = match chunk {
            Ok(Some(chunk)) => {
                self.bytes += chunk.len() as u64;
                let max_line = self.client.limits().max_page_bytes;
                return self
                    .rows
                    .split(&chunk, max_line)
                    .map_err(|problem| self.protocol(problem));
            }
            Ok(None) => match self.rows.unfinished() {
                None => Ok(()),
                Some(problem) => Err(self.protocol(format!("the body {problem}"))),
            },
            Err(e) => Err(page_failure(e).error),
        };
        self.rows.done = true;
        let error = result.as_ref().err();
        self.client
            .observe(RequestKind::Download, self.started, self.bytes, error);
        result
    }

    /// Sends the request until it answers 2xx, retrying as the policy allows.
    async fn open(&mut self) -> Result<reqwest::Response, ClientError> {
        let client = self.client.clone();
        let mut backoff = Backoff::new(&client.retry, client.next_call());
        loop {
            self.started = Instant::now();
            let failure = match client
                .http
                .get(&self.url)
                .bearer_auth(&client.api_key)
                .send()
                .await
            {
                Err(e) => page_failure(e),
                Ok(response) => {
                    let status = response.status().as_u16();
                    if (200..300).contains(&status) {
                        return Ok(response);
                    }
                    let error = ClientError::Http { status };
                    if status >= 500 {
                        Failure::transient(error)
                    } else {
                        Failure::fatal(error)
                    }
                }
            };
            client.observe(RequestKind::Download, self.started, 0, Some(&failure.error));
            match failure {
                Failure { error, retry: true } => backoff.retry(error).await?,
                Failure { error, .. } => return Err(error),
            }
        }
    }

    fn protocol(&self, problem: String) -> ClientError {
        ClientError::Protocol(format!("plain download {}: {problem}", self.url))
    }
}

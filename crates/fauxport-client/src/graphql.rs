//! `POST /graphql`: one request with retries, and the SDK's classification of the answer
//! (protocol spec §8.1, first matching rule wins).

use std::time::Instant;

use serde_json::{Value, json};

use crate::Client;
use crate::error::{ClientError, Failure, describe};
use crate::limits::body_buffer;
use crate::observe::{self, RequestKind};
use crate::retry::Backoff;

impl Client {
    /// Sends `query` with `variables` and returns `data`.
    ///
    /// Retried with back-off, as the SDK retries: HTTP 5xx, `INTERNAL_SERVER_ERROR` whose
    /// `exception.status` is not 400, 422, 426 or 500, and timeouts. Everything else is returned
    /// at once as a typed [`ClientError`].
    pub async fn graphql(&self, query: &str, variables: Value) -> Result<Value, ClientError> {
        let body = json!({ "query": query, "variables": variables });
        let kind = observe::of_query(query);
        let mut backoff = Backoff::new(&self.retry, self.next_call());
        loop {
            match self.post_once(&body, kind).await {
                Ok(data) => return Ok(data),
                Err(Failure { error, retry: true }) => backoff.retry(error).await?,
                Err(Failure { error, .. }) => return Err(error),
            }
        }
    }

    /// One attempt, reported to the observer.
    async fn post_once(&self, body: &Value, kind: RequestKind) -> Result<Value, Failure> {
        let started = Instant::now();
        let (result, bytes) = match self.exchange(body).await {
            Ok((status, bytes)) => (classify(status, &bytes), bytes.len() as u64),
            Err(failure) => (Err(failure), 0),
        };
        self.observe(
            kind,
            started,
            bytes,
            result.as_ref().err().map(|f| &f.error),
        );
        result
    }

    /// Sends the request and reads the whole answer: its status and body, at most
    /// [`Limits::max_answer_bytes`](crate::Limits::max_answer_bytes) of it.
    async fn exchange(&self, body: &Value) -> Result<(u16, Vec<u8>), Failure> {
        let mut response = self
            .http
            .post(&self.endpoint)
            .timeout(self.request_timeout)
            .bearer_auth(&self.api_key)
            .header(reqwest::header::ACCEPT, "application/json")
            .header("x-user-agent", crate::USER_AGENT)
            .json(body)
            .send()
            .await
            .map_err(request_failure)?;
        let status = response.status().as_u16();
        let limit = self.limits.max_answer_bytes;
        let too_large = |size: u64| {
            Failure::fatal(ClientError::TooLarge {
                what: "the GraphQL answer".to_owned(),
                size,
                limit,
            })
        };
        let announced = response.content_length();
        if let Some(size) = announced
            && size > limit
        {
            return Err(too_large(size));
        }
        let mut bytes = body_buffer(announced);
        while let Some(chunk) = response.chunk().await.map_err(request_failure)? {
            let size = (bytes.len() + chunk.len()) as u64;
            if size > limit {
                return Err(too_large(size));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok((status, bytes))
    }
}

/// A failed send or body read: timeouts are retried, other transport errors are not (the SDK
/// raises `NetworkError` for them).
fn request_failure(error: reqwest::Error) -> Failure {
    if error.is_timeout() {
        Failure::transient(ClientError::Timeout)
    } else {
        Failure::fatal(ClientError::Transport(describe(&error)))
    }
}

/// The SDK's rules, in its order: `data`, or the error and whether it is retried.
pub(crate) fn classify(status: u16, body: &[u8]) -> Result<Value, Failure> {
    if (500..600).contains(&status) {
        return Err(Failure::transient(ClientError::Http { status }));
    }
    let Ok(body) = serde_json::from_slice::<Value>(body) else {
        return Err(Failure::fatal(if status == 200 {
            ClientError::Protocol(format!("the GraphQL answer is not JSON: {}", snippet(body)))
        } else {
            ClientError::Http { status }
        }));
    };
    let errors: &[Value] = match body.get("errors") {
        None | Some(Value::Null) => &[],
        Some(Value::Array(errors)) => errors,
        Some(other) => {
            return Err(ClientError::Protocol(format!("`errors` is not a list: {other}")).into());
        }
    };
    let with_code = |code: &str| errors.iter().find(|e| code_of(e) == Some(code));
    if with_code("AUTHENTICATION_ERROR").is_some() {
        return Err(ClientError::Authentication.into());
    }
    if let Some(e) = with_code("AUTHORIZATION_ERROR") {
        return Err(ClientError::Authorization(message_of(e)).into());
    }
    if let Some(e) = with_code("GRAPHQL_VALIDATION_FAILED").or(with_code("GRAPHQL_PARSE_FAILED")) {
        return Err(ClientError::InvalidQuery(message_of(e)).into());
    }
    if let Some(message) = body.get("message").and_then(Value::as_str)
        && message.starts_with("You have exceeded")
    {
        return Err(ClientError::RateLimited(message.to_owned()).into());
    }
    if let Some(e) = with_code("RESOURCE_NOT_FOUND") {
        return Err(ClientError::NotFound(message_of(e)).into());
    }
    if let Some(e) = with_code("RESOURCE_CONFLICT") {
        return Err(api("RESOURCE_CONFLICT", e).into());
    }
    if let Some(e) = with_code("MALFORMED_REQUEST") {
        // The SDK reports the error's own `errors` member for export calls.
        let message = e
            .get("errors")
            .and_then(Value::as_str)
            .map_or_else(|| message_of(e), str::to_owned);
        return Err(ClientError::InvalidQuery(message).into());
    }
    if let Some(e) = with_code("INTERNAL_SERVER_ERROR") {
        let exception = &e["extensions"]["exception"]["status"];
        let exception = exception
            .as_u64()
            .or_else(|| exception.as_str().and_then(|s| s.parse().ok()));
        return Err(match exception {
            Some(400) => Failure::fatal(ClientError::InvalidQuery(message_of(e))),
            None | Some(422 | 426 | 500) => Failure::fatal(api("INTERNAL_SERVER_ERROR", e)),
            Some(_) => Failure::transient(api("INTERNAL_SERVER_ERROR", e)),
        });
    }
    if let Some(e) = with_code("OPERATION_NOT_ALLOWED") {
        return Err(api("OPERATION_NOT_ALLOWED", e).into());
    }
    if let Some(e) = errors.first() {
        return Err(match code_of(e) {
            Some(code) => api(code, e),
            None => ClientError::Protocol(format!("a GraphQL error without extensions.code: {e}")),
        }
        .into());
    }
    if status != 200 {
        return Err(ClientError::Http { status }.into());
    }
    match body {
        Value::Object(mut fields) => fields
            .remove("data")
            .ok_or_else(|| ClientError::Protocol("the answer has no `data`".into()).into()),
        other => Err(ClientError::Protocol(format!("the answer is not an object: {other}")).into()),
    }
}

fn code_of(error: &Value) -> Option<&str> {
    error.get("extensions")?.get("code")?.as_str()
}

fn message_of(error: &Value) -> String {
    error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn api(code: &str, error: &Value) -> ClientError {
    ClientError::Api {
        code: code.to_owned(),
        message: message_of(error),
    }
}

/// The start of a body, for messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `classify` should decide.
    #[derive(Debug, PartialEq)]
    enum Expect {
        Data(Value),
        Fatal(ClientError),
        Retry(ClientError),
    }

    fn check(status: u16, body: Value, expect: Expect) {
        let bytes = match &body {
            Value::String(raw) => raw.clone().into_bytes(),
            other => other.to_string().into_bytes(),
        };
        let got = match classify(status, &bytes) {
            Ok(data) => Expect::Data(data),
            Err(Failure { error, retry: true }) => Expect::Retry(error),
            Err(Failure { error, .. }) => Expect::Fatal(error),
        };
        assert_eq!(got, expect, "HTTP {status} {body}");
    }

    fn gql_error(code: &str, message: &str) -> Value {
        json!({"data": null, "errors": [{"message": message, "extensions": {"code": code}}]})
    }

    fn ise(status: Value) -> Value {
        json!({"data": null, "errors": [{"message": "boom",
            "extensions": {"code": "INTERNAL_SERVER_ERROR", "exception": {"status": status}}}]})
    }

    fn ise_api() -> ClientError {
        ClientError::Api {
            code: "INTERNAL_SERVER_ERROR".into(),
            message: "boom".into(),
        }
    }

    #[test]
    fn answers_are_classified_like_the_sdk() {
        use Expect::{Data, Fatal, Retry};
        check(200, json!({"data": {"a": 1}}), Data(json!({"a": 1})));
        check(
            502,
            json!("<html>bad gateway</html>"),
            Retry(ClientError::Http { status: 502 }),
        );
        check(
            503,
            gql_error("AUTHENTICATION_ERROR", "x"),
            Retry(ClientError::Http { status: 503 }),
        );
        check(
            401,
            gql_error("AUTHENTICATION_ERROR", "Invalid API key"),
            Fatal(ClientError::Authentication),
        );
        check(
            200,
            gql_error("AUTHENTICATION_ERROR", "Invalid API key"),
            Fatal(ClientError::Authentication),
        );
        check(
            403,
            gql_error("AUTHORIZATION_ERROR", "no"),
            Fatal(ClientError::Authorization("no".into())),
        );
        check(
            400,
            gql_error("GRAPHQL_VALIDATION_FAILED", "bad field"),
            Fatal(ClientError::InvalidQuery("bad field".into())),
        );
        check(
            400,
            gql_error("GRAPHQL_PARSE_FAILED", "Syntax Error"),
            Fatal(ClientError::InvalidQuery("Syntax Error".into())),
        );
        check(
            429,
            json!({"message": "You have exceeded the rate limit"}),
            Fatal(ClientError::RateLimited(
                "You have exceeded the rate limit".into(),
            )),
        );
        check(
            200,
            json!({"message": "You have exceeded it", "data": {}}),
            Fatal(ClientError::RateLimited("You have exceeded it".into())),
        );
        check(
            429,
            json!({"message": "slow down"}),
            Fatal(ClientError::Http { status: 429 }),
        );
        check(
            200,
            gql_error("RESOURCE_NOT_FOUND", "Project \"x\" not found"),
            Fatal(ClientError::NotFound("Project \"x\" not found".into())),
        );
        check(
            200,
            gql_error("RESOURCE_CONFLICT", "c"),
            Fatal(ClientError::Api {
                code: "RESOURCE_CONFLICT".into(),
                message: "c".into(),
            }),
        );
        check(
            200,
            json!({"errors": [{"message": "m", "errors": "input.x: bad", "extensions": {"code": "MALFORMED_REQUEST"}}]}),
            Fatal(ClientError::InvalidQuery("input.x: bad".into())),
        );
        check(
            200,
            ise(json!(400)),
            Fatal(ClientError::InvalidQuery("boom".into())),
        );
        check(200, ise(json!(422)), Fatal(ise_api()));
        check(200, ise(json!(426)), Fatal(ise_api()));
        check(200, ise(json!(500)), Fatal(ise_api()));
        check(200, ise(Value::Null), Fatal(ise_api()));
        check(200, ise(json!(429)), Retry(ise_api()));
        check(200, ise(json!("503")), Retry(ise_api()));
        check(
            200,
            gql_error("OPERATION_NOT_ALLOWED", "n"),
            Fatal(ClientError::Api {
                code: "OPERATION_NOT_ALLOWED".into(),
                message: "n".into(),
            }),
        );
        check(
            200,
            gql_error("SOMETHING_NEW", "s"),
            Fatal(ClientError::Api {
                code: "SOMETHING_NEW".into(),
                message: "s".into(),
            }),
        );
        check(
            200,
            json!({"errors": [{"message": "no code"}]}),
            Fatal(ClientError::Protocol(
                "a GraphQL error without extensions.code: {\"message\":\"no code\"}".into(),
            )),
        );
        check(
            401,
            json!({"message": "Unauthorized"}),
            Fatal(ClientError::Http { status: 401 }),
        );
        check(
            404,
            json!("not json"),
            Fatal(ClientError::Http { status: 404 }),
        );
        check(
            200,
            json!("not json"),
            Fatal(ClientError::Protocol(
                "the GraphQL answer is not JSON: not json".into(),
            )),
        );
        check(
            200,
            json!({"nodata": 1}),
            Fatal(ClientError::Protocol("the answer has no `data`".into())),
        );
    }
}

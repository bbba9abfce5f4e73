//! `GET` and `PUT /__admin/clock`: a live server's clock (`fauxport serve --live`), read and set
//! by tests that move the world on. `{"now": "<RFC 3339>", "speed": <factor>}` both ways.

use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use fauxport_model::Timestamp;
use fauxport_model::time::parse_rfc3339_millis;
use serde_json::{Value, json};

use super::admin_fields::{AdminError, object};
use super::{Ctx, json_response};
use crate::clock::Clock;

/// The fields `PUT /__admin/clock` takes.
const CLOCK_FIELDS: [&str; 2] = ["now", "speed"];

/// The clock, or the error of a server whose world does not move.
fn live(ctx: &Ctx) -> Result<&Clock, AdminError> {
    ctx.state.clock.as_deref().ok_or_else(|| {
        AdminError(
            409,
            "clock: this server is not live, its world does not move; start it with \
             `fauxport serve --live` (or FAUXPORT_LIVE=true)"
                .to_owned(),
        )
    })
}

fn clock_json(now_ms: i64, speed: f64) -> Value {
    json!({ "now": Timestamp::from_millis(now_ms).0, "speed": speed })
}

/// `GET /__admin/clock`: the world's time now and the clock's speed.
pub(super) async fn get_clock(State(ctx): State<Ctx>) -> Response {
    match live(&ctx) {
        Ok(clock) => json_response(200, &clock_json(clock.now_ms(), clock.speed())),
        Err(e) => e.into_response(),
    }
}

/// `PUT /__admin/clock {"now": "2026-01-15T09:00:00Z", "speed": 60}`: sets the time, the speed
/// or both; answers with both as they are now.
pub(super) async fn put_clock(State(ctx): State<Ctx>, body: Body) -> Response {
    let result = async {
        let clock = live(&ctx)?;
        let fields = object(body, &CLOCK_FIELDS).await?;
        let now = match fields.get("now") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_str().and_then(parse_rfc3339_millis).ok_or_else(|| {
                AdminError::bad(format!(
                    "now: expected an RFC 3339 instant such as \"2026-01-15T09:00:00Z\", found {v}"
                ))
            })?),
        };
        let speed = match fields.get("speed") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_f64()
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| {
                        AdminError::bad(format!("speed: expected a number above 0, found {v}"))
                    })?,
            ),
        };
        if now.is_none() && speed.is_none() {
            return Err(AdminError::bad(format!(
                "request body: expected {} or both",
                CLOCK_FIELDS.join(", ")
            )));
        }
        let (now, speed) = clock.set(now, speed);
        Ok(clock_json(now, speed))
    };
    match result.await {
        Ok(v) => json_response(200, &v),
        Err(e) => e.into_response(),
    }
}

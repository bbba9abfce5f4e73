//! `GET` and `PUT /__admin/clock`: a live server's clock (`fauxport serve --live`), read and set
//! by tests that move the world on. `{"now": "<RFC 3339>", "speed": <factor>}` both ways.

use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use fauxport_model::Timestamp;
use serde_json::{Value, json};

use super::admin_body::{AdminError, ClockBody, typed_body};
use super::{Ctx, json_response};
use crate::clock::Clock;

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
        let body: ClockBody = typed_body(body).await?;
        let (now, speed) = (body.now.map(|n| n.0), body.speed.map(|s| s.0));
        if now.is_none() && speed.is_none() {
            return Err(AdminError::bad(
                "request body: expected now, speed or both".to_owned(),
            ));
        }
        let (now, speed) = clock.set(now, speed);
        Ok(clock_json(now, speed))
    };
    match result.await {
        Ok(v) => json_response(200, &v),
        Err(e) => e.into_response(),
    }
}

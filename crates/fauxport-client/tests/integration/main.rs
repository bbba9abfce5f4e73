//! Integration tests of the client against the real server on `127.0.0.1:0`: exports compared
//! with the rows `fauxport-gen` renders directly, typed errors, and retry and resume through a
//! fault proxy; and the client's caps against a stub that announces or sends too much.

mod accept;
mod errors;
mod exports;
mod faults;
mod observed;
mod proxy;
mod scenarios;
mod sizes;
mod stub;
mod support;

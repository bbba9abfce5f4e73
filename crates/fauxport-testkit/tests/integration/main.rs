//! fauxport-testkit's tests: one binary, one module per part of the kit. Each test starts what it
//! needs on `127.0.0.1:0` and stops it.

mod expect;
mod mock;
mod rows;
mod server;
mod support;

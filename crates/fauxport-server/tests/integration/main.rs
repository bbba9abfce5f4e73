//! Integration tests of the server: every request goes through `fauxport_server::app` (one test
//! binds a real socket), and every export is checked byte for byte against rows rendered
//! directly by `fauxport-gen`.

mod admin;
mod admin_api;
mod admin_scenarios;
mod cache;
mod connections;
mod corpus;
mod dashboard;
mod errors;
mod exports;
mod filters;
mod hostile;
mod live;
mod metrics;
mod pages;
mod plain_faults;
mod queries;
mod replay;
mod replicas;
mod sdk;
mod security;
mod snapshots;
mod support;
mod tcp;

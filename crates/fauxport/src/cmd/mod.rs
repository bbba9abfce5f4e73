//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod fetch;
pub(crate) mod fixtures;
pub(crate) mod generate;
pub(crate) mod healthcheck;
pub(crate) mod load;
pub(crate) mod man;
pub(crate) mod scenarios;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod validate;

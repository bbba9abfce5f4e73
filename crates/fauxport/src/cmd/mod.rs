//! One module per subcommand.

pub(crate) mod fixtures;
pub(crate) mod generate;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod validate;

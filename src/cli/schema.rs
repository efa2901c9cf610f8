//! `raci schema`: the JSON Schema of the findings report or of the matrix.

use raci::Result;

use super::output::print_stdout;
use super::{Outcome, SchemaKind};

pub(super) fn schema(which: SchemaKind) -> Result<Outcome> {
    print_stdout(match which {
        SchemaKind::Report => raci::report::json::SCHEMA,
        SchemaKind::Matrix => raci::export::json::SCHEMA,
    })?;
    Ok(Outcome::Clean)
}

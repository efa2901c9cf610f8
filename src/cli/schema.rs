//! `raci schema`: the JSON Schema of the findings report, of the matrix or of a diff.

use raci::Result;

use super::output::print_stdout;
use super::{Outcome, SchemaKind};

pub(super) fn schema(which: SchemaKind) -> Result<Outcome> {
    print_stdout(match which {
        SchemaKind::Report => raci::report::json::SCHEMA,
        SchemaKind::Matrix => raci::export::json::SCHEMA,
        SchemaKind::Diff => raci::diff::SCHEMA,
    })?;
    Ok(Outcome::Clean)
}

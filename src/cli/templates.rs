//! `raci templates list | show | export`.

use raci::Result;
use raci::template::{self, Template};

use super::output::print_stdout;
use super::{Outcome, TemplatesAction};

pub(super) fn templates(action: TemplatesAction) -> Result<Outcome> {
    match action {
        TemplatesAction::List => {
            let mut text = String::new();
            for name in template::builtin_names() {
                let t = template::resolve(name)?;
                text.push_str(&format!(
                    "{:<18} {:<7} {:>3} activities  {}\n",
                    t.name,
                    t.version,
                    t.activities.len(),
                    t.description
                ));
            }
            print_stdout(&text)
        }
        TemplatesAction::Show { name } => print_stdout(&show(&template::resolve(&name)?)),
        TemplatesAction::Export { name } => print_stdout(&template::resolve(&name)?.text),
    }
    .map(|()| Outcome::Clean)
}

/// The template as a table, by phase.
fn show(t: &Template) -> String {
    let roles = |list: &[raci::role::Role]| {
        if list.is_empty() { "-".to_string() } else { list.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ") }
    };
    let mut text = format!("{} {}: {}\n", t.name, t.version, t.description);
    let width = t.activities.iter().map(|a| a.id.len()).max().unwrap_or(0);
    // Activities come grouped by phase in phase order: each phase takes the run at the front.
    let mut rest = t.activities.as_slice();
    for (p, phase) in t.phases.iter().enumerate() {
        text.push_str(&format!("\n{phase}\n"));
        let (these, after) = rest.split_at(rest.iter().take_while(|a| a.phase == p).count());
        rest = after;
        for a in these {
            let chain: Vec<&str> = a.accountable.iter().map(|r| r.id()).collect();
            text.push_str(&format!(
                "  {:<width$}  A: {}{}\n  {:<width$}  R: {}  C: {}  I: {}\n",
                a.id,
                if a.accountable_together { format!("{} (together)", chain.join(" + ")) } else { chain.join(" > ") },
                if a.backlog { "  [backlog]" } else { "" },
                "",
                roles(&a.responsible),
                roles(&a.consulted),
                roles(&a.informed)
            ));
        }
    }
    text
}

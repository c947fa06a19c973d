//! The draft and its live problems, shared by the wizard's stages, and how a field shows its
//! problem.

use domain::{Currency, StepDraft, StepProblem};
use leptos::prelude::*;

use crate::i18n::use_i18n;

pub fn field_id(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("step-{}", cleaned.trim_end_matches('-'))
}

#[derive(Clone, Copy)]
pub struct WizardState {
    pub draft: RwSignal<StepDraft>,
    pub problems: Memo<Vec<StepProblem>>,
    pub currency: Currency,
    /// The shop's templates (id, name): a discount range may send its own.
    pub templates: StoredValue<Vec<(String, String)>>,
    /// The shop's code collections (id, name, codes left).
    pub collections: StoredValue<Vec<(String, String, u64)>>,
    /// What webhook steps are signed with, shown beside their address.
    pub webhook_secret: StoredValue<String>,
}

impl WizardState {
    /// The message for `field`, in the admin's language.
    pub fn problem(&self, field: &str) -> Option<String> {
        let i18n = use_i18n();
        let currency = self.currency;
        self.problems.with(|problems| {
            problems
                .iter()
                .find(|p| p.field == field)
                .map(|p| (i18n.t().reminders.issue)(&p.issue, currency))
        })
    }
}

/// A field's error line, tied to the input by id.
pub fn error_line(state: WizardState, field: &'static str) -> impl IntoView {
    view! {
        <span class="field-error" id=format!("{}-error", field_id(field))>
            {move || state.problem(field)}
        </span>
    }
}

pub fn owned_problem(state: WizardState, field: String) -> impl Fn() -> Option<String> + Copy {
    let field = StoredValue::new(field);
    move || field.with_value(|f| state.problem(f))
}

//! The editor's state, shared by the form, the preview and the save bar.

use domain::{ContentDraft, DraftProblem, Language, TemplateDraft};
use leptos::prelude::*;

/// The editor's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct EditorState {
    pub draft: RwSignal<TemplateDraft>,
    pub language: RwSignal<Language>,
    pub problems: RwSignal<Vec<DraftProblem>>,
}

impl EditorState {
    /// Changes the content of the language being edited.
    pub fn update(&self, change: impl FnOnce(&mut ContentDraft)) {
        let language = self.language.get_untracked();
        self.draft.update(|draft| {
            if let Some(content) = draft.contents.get_mut(&language) {
                change(content);
            }
        });
    }

    /// Reads the content of the language being edited (reactive).
    pub fn read<T: Default>(&self, get: impl FnOnce(&ContentDraft) -> T) -> T {
        let language = self.language.get();
        self.draft
            .with(|draft| draft.contents.get(&language).map(get).unwrap_or_default())
    }

    /// The saved-state problem of `field` in the current language, if the last save found one.
    pub fn problem(&self, field: &str) -> Option<String> {
        let language = self.language.get();
        self.problems.with(|problems| {
            problems
                .iter()
                .find(|p| p.field == field && p.language.is_none_or(|l| l == language))
                .map(|p| p.message.clone())
        })
    }
}

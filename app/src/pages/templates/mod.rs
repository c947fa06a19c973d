//! The template list and the template editor.

mod appearance;
mod content_form;
mod editor;
mod languages;
mod list;
mod preview;
mod problems;
mod sample_preview;
mod state;
mod test_email;
mod text_tools;
mod unsaved;

pub use editor::{EmbeddedTemplateEditor, TemplateEditorPage};
pub use list::TemplatesPage;

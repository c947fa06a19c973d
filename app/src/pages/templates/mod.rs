//! The template list and the template editor.

mod content_form;
mod editor;
mod list;
mod preview;
mod text_tools;

pub use editor::{EmbeddedTemplateEditor, TemplateEditorPage};
pub use list::TemplatesPage;

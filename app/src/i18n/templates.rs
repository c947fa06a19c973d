//! The texts of the template list and editor, in both languages.

use domain::email::{Field, SampleDiscount, Warning};
use domain::{Language, Layout, ReassuranceIcon};

pub struct TemplateTexts {
    pub tab: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub col_name: &'static str,
    pub col_design: &'static str,
    pub col_used_by: &'static str,
    pub col_updated: &'static str,
    pub col_actions: &'static str,
    pub edit: &'static str,
    pub duplicate: &'static str,
    pub delete: &'static str,
    pub delete_in_use: &'static str,
    pub confirm_delete: &'static str,
    pub new_name_label: &'static str,
    pub new_name_placeholder: &'static str,
    pub create: &'static str,
    pub none_yet: &'static str,
    pub back: &'static str,
    pub name_label: &'static str,
    pub tab_appearance: &'static str,
    pub tab_content: &'static str,
    pub design_label: &'static str,
    pub primary_label: &'static str,
    pub secondary_label: &'static str,
    pub language_label: &'static str,
    pub add_language: &'static str,
    pub remove_language: &'static str,
    pub confirm_remove_language: &'static str,
    pub filled: &'static str,
    pub subject_label: &'static str,
    pub body_label: &'static str,
    pub bold: &'static str,
    pub italic: &'static str,
    pub insert_tag: &'static str,
    pub discount_text_label: &'static str,
    pub discount_text_hint: &'static str,
    pub button_text_label: &'static str,
    pub button_text_hint: &'static str,
    pub reassurance_label: &'static str,
    pub add_reassurance: &'static str,
    pub remove: &'static str,
    pub social_label: &'static str,
    pub unsubscribe_text_label: &'static str,
    pub unsubscribe_link_label: &'static str,
    pub warnings_title: &'static str,
    pub no_warnings: &'static str,
    pub preview_title: &'static str,
    pub sample_label: &'static str,
    pub sample_demo: &'static str,
    pub sample_discount_label: &'static str,
    pub width_label: &'static str,
    pub desktop: &'static str,
    pub tablet: &'static str,
    pub mobile: &'static str,
    pub subject_prefix: &'static str,
    pub open_saved: &'static str,
    pub test_title: &'static str,
    pub test_address: &'static str,
    pub test_send: &'static str,
    pub test_sent: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub unsaved: &'static str,
    pub confirm_leave: &'static str,
    pub fix_problems: &'static str,
    pub used_by: &'static str,
    pub not_used: &'static str,
    pub failed: &'static str,
    pub layout: fn(Layout) -> &'static str,
    pub layout_hint: fn(Layout) -> &'static str,
    pub icon: fn(ReassuranceIcon) -> &'static str,
    pub sample_discount: fn(SampleDiscount) -> &'static str,
    pub warning: fn(&Warning) -> String,
    pub field: fn(&str) -> &'static str,
    /// "28/100"
    pub counter: fn(usize, usize) -> String,
    pub language_name: fn(Language) -> String,
}

fn field_name_fr(field: &str) -> &'static str {
    match field {
        "subject" => "Objet",
        "body" => "Message",
        "discount_text" => "Texte de la réduction",
        "button_text" => "Texte du bouton",
        "unsubscribe_text" => "Texte de désinscription",
        "sms" => "SMS",
        "facebook" => "Facebook",
        "instagram" => "Instagram",
        "x" => "X",
        "primary_color" => "Couleur principale",
        "secondary_color" => "Couleur secondaire",
        "name" | "template" => "Modèle",
        _ => "Contenu",
    }
}

fn field_name_en(field: &str) -> &'static str {
    match field {
        "subject" => "Subject",
        "body" => "Message",
        "discount_text" => "Discount text",
        "button_text" => "Button text",
        "unsubscribe_text" => "Unsubscribe text",
        "sms" => "SMS",
        "facebook" => "Facebook",
        "instagram" => "Instagram",
        "x" => "X",
        "primary_color" => "Primary colour",
        "secondary_color" => "Secondary colour",
        "name" | "template" => "Template",
        _ => "Content",
    }
}

fn field_key(field: Field) -> &'static str {
    match field {
        Field::Subject => "subject",
        Field::Body => "body",
        Field::DiscountText => "discount_text",
        Field::ButtonText => "button_text",
        Field::UnsubscribeText => "unsubscribe_text",
        Field::Sms => "sms",
    }
}

fn language_name_fr(language: Language) -> String {
    match language.code() {
        "fr" => "français".into(),
        "en" => "anglais".into(),
        "de" => "allemand".into(),
        "es" => "espagnol".into(),
        "it" => "italien".into(),
        "nl" => "néerlandais".into(),
        "pt" => "portugais".into(),
        other => other.to_ascii_uppercase(),
    }
}

fn language_name_en(language: Language) -> String {
    match language.code() {
        "fr" => "French".into(),
        "en" => "English".into(),
        "de" => "German".into(),
        "es" => "Spanish".into(),
        "it" => "Italian".into(),
        "nl" => "Dutch".into(),
        "pt" => "Portuguese".into(),
        other => other.to_ascii_uppercase(),
    }
}

fn warning_fr(warning: &Warning) -> String {
    match warning {
        Warning::UnknownTag { field, tag } => format!(
            "{} : la balise {{{tag}}} n'existe pas ici et sera envoyée telle quelle.",
            field_name_fr(field_key(*field))
        ),
        Warning::UnsubscribeMissing => "La balise {unsubscribe} manque : le lien de désinscription sera ajouté après le texte.".into(),
        Warning::SubjectEmpty => "L'objet est vide.".into(),
        Warning::SubjectTooLong { length } => {
            format!("L'objet fait {length} caractères, 100 au plus.")
        }
        Warning::FallsBackToEnglish { language } => format!(
            "Les clients en {} recevront la version anglaise.",
            language_name_fr(*language)
        ),
        Warning::NotSent { language } => format!(
            "Les clients en {} ne recevront pas cet e-mail : ni leur langue ni l'anglais ne sont remplis.",
            language_name_fr(*language)
        ),
    }
}

fn warning_en(warning: &Warning) -> String {
    match warning {
        Warning::UnknownTag { field, tag } => format!(
            "{}: the tag {{{tag}}} does not exist here and would be sent as typed.",
            field_name_en(field_key(*field))
        ),
        Warning::UnsubscribeMissing => "The {unsubscribe} tag is missing: the unsubscribe link will be added after the text.".into(),
        Warning::SubjectEmpty => "The subject is empty.".into(),
        Warning::SubjectTooLong { length } => {
            format!("The subject has {length} characters, at most 100.")
        }
        Warning::FallsBackToEnglish { language } => format!(
            "{} customers will get the English version.",
            language_name_en(*language)
        ),
        Warning::NotSent { language } => format!(
            "{} customers will not get this email: neither their language nor English is filled in.",
            language_name_en(*language)
        ),
    }
}

fn icon_fr(icon: ReassuranceIcon) -> &'static str {
    match icon {
        ReassuranceIcon::FreeDelivery => "Livraison offerte",
        ReassuranceIcon::FastDelivery => "Livraison rapide",
        ReassuranceIcon::SecurePayment => "Paiement sécurisé",
        ReassuranceIcon::CustomerService => "Service client",
        ReassuranceIcon::EasyReturns => "Retours faciles",
        ReassuranceIcon::Warranty => "Garantie",
        ReassuranceIcon::Quality => "Qualité",
        ReassuranceIcon::GiftWrapping => "Emballage cadeau",
        ReassuranceIcon::MadeLocally => "Fabrication locale",
        ReassuranceIcon::EcoFriendly => "Éco-responsable",
        ReassuranceIcon::LoyaltyPoints => "Points fidélité",
        ReassuranceIcon::ClickAndCollect => "Retrait en magasin",
    }
}

fn icon_en(icon: ReassuranceIcon) -> &'static str {
    match icon {
        ReassuranceIcon::FreeDelivery => "Free delivery",
        ReassuranceIcon::FastDelivery => "Fast delivery",
        ReassuranceIcon::SecurePayment => "Secure payment",
        ReassuranceIcon::CustomerService => "Customer service",
        ReassuranceIcon::EasyReturns => "Easy returns",
        ReassuranceIcon::Warranty => "Warranty",
        ReassuranceIcon::Quality => "Quality",
        ReassuranceIcon::GiftWrapping => "Gift wrapping",
        ReassuranceIcon::MadeLocally => "Made locally",
        ReassuranceIcon::EcoFriendly => "Eco-friendly",
        ReassuranceIcon::LoyaltyPoints => "Loyalty points",
        ReassuranceIcon::ClickAndCollect => "Click and collect",
    }
}

fn counter(length: usize, max: usize) -> String {
    format!("{length}/{max}")
}

pub static FR: TemplateTexts = TemplateTexts {
    tab: "Modèles d'e-mail",
    title: "Modèles d'e-mail",
    intro: "Les e-mails que reçoivent vos clients. Chaque relance choisit un modèle ; un modèle sert à plusieurs relances.",
    col_name: "Nom",
    col_design: "Design",
    col_used_by: "Utilisé par",
    col_updated: "Modifié le",
    col_actions: "Actions",
    edit: "Modifier",
    duplicate: "Dupliquer",
    delete: "Supprimer",
    delete_in_use: "Utilisé par une relance : choisissez d'abord un autre modèle pour elle.",
    confirm_delete: "Supprimer ce modèle ? Cette action est définitive.",
    new_name_label: "Nouveau modèle",
    new_name_placeholder: "Nom du modèle, par exemple « Relance J+1 »",
    create: "Créer le modèle",
    none_yet: "Aucun modèle pour l'instant.",
    back: "← Tous les modèles",
    name_label: "Nom du modèle",
    tab_appearance: "Apparence",
    tab_content: "Texte et contenu",
    design_label: "Design",
    primary_label: "Couleur principale",
    secondary_label: "Couleur secondaire",
    language_label: "Langue",
    add_language: "Ajouter une langue",
    remove_language: "Retirer cette langue",
    confirm_remove_language: "Retirer les textes de cette langue ?",
    filled: "rempli",
    subject_label: "Objet de l'e-mail",
    body_label: "Message",
    bold: "Gras",
    italic: "Italique",
    insert_tag: "Insérer une balise :",
    discount_text_label: "Texte de la réduction",
    discount_text_hint: "Affiché seulement quand le panier reçoit une réduction.",
    button_text_label: "Texte du bouton",
    button_text_hint: "Laissez vide pour ne pas afficher de bouton.",
    reassurance_label: "Éléments de réassurance",
    add_reassurance: "+ Ajouter un élément",
    remove: "Retirer",
    social_label: "Réseaux sociaux (adresses http ou https)",
    unsubscribe_text_label: "Texte de désinscription",
    unsubscribe_link_label: "Texte du lien de désinscription",
    warnings_title: "À vérifier",
    no_warnings: "Rien à signaler.",
    preview_title: "Aperçu",
    sample_label: "Panier d'exemple",
    sample_demo: "Panier de démonstration",
    sample_discount_label: "Réduction d'exemple",
    width_label: "Largeur",
    desktop: "Ordinateur",
    tablet: "Tablette",
    mobile: "Mobile",
    subject_prefix: "Objet :",
    open_saved: "Ouvrir la version enregistrée",
    test_title: "Envoyer un e-mail de test",
    test_address: "Adresse",
    test_send: "Envoyer le test",
    test_sent: "E-mail de test envoyé à",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: "Enregistré",
    unsaved: "Modifications non enregistrées",
    confirm_leave: "Des modifications ne sont pas enregistrées. Quitter quand même ?",
    fix_problems: "Corrigez ces points avant d'enregistrer :",
    used_by: "Envoyé par les relances :",
    not_used: "Aucune relance n'utilise ce modèle.",
    failed: "L'opération a échoué. Réessayez dans un instant.",
    layout: |layout| match layout {
        Layout::Boxy => "Boxy",
        Layout::Sendy => "Sendy",
        Layout::Puffy => "Puffy",
    },
    layout_hint: |layout| match layout {
        Layout::Boxy => "Encadré, bandeau coloré, tableau des articles",
        Layout::Sendy => "Sobre, comme une lettre personnelle",
        Layout::Puffy => "Arrondi, généreux, boutons pilule",
    },
    icon: icon_fr,
    sample_discount: |sample| match sample {
        SampleDiscount::None => "Sans réduction",
        SampleDiscount::Percent => "10 %",
        SampleDiscount::Amount => "20,00 €",
        SampleDiscount::FreeShipping => "Livraison offerte",
        SampleDiscount::FreeGift => "Produit offert",
    },
    warning: warning_fr,
    field: field_name_fr,
    counter,
    language_name: language_name_fr,
};

pub static EN: TemplateTexts = TemplateTexts {
    tab: "Email templates",
    title: "Email templates",
    intro: "The emails your customers receive. Each reminder picks a template; one template can serve several reminders.",
    col_name: "Name",
    col_design: "Design",
    col_used_by: "Used by",
    col_updated: "Updated",
    col_actions: "Actions",
    edit: "Edit",
    duplicate: "Duplicate",
    delete: "Delete",
    delete_in_use: "A reminder sends it: choose another template for that reminder first.",
    confirm_delete: "Delete this template? This cannot be undone.",
    new_name_label: "New template",
    new_name_placeholder: "Template name, for example \"Day 1 reminder\"",
    create: "Create template",
    none_yet: "No templates yet.",
    back: "← All templates",
    name_label: "Template name",
    tab_appearance: "Appearance",
    tab_content: "Text & content",
    design_label: "Design",
    primary_label: "Primary colour",
    secondary_label: "Secondary colour",
    language_label: "Language",
    add_language: "Add a language",
    remove_language: "Remove this language",
    confirm_remove_language: "Remove the texts of this language?",
    filled: "filled",
    subject_label: "Email subject",
    body_label: "Message",
    bold: "Bold",
    italic: "Italic",
    insert_tag: "Insert a tag:",
    discount_text_label: "Discount text",
    discount_text_hint: "Shown only when the cart gets a discount.",
    button_text_label: "Button text",
    button_text_hint: "Leave empty for no button.",
    reassurance_label: "Reassurance items",
    add_reassurance: "+ Add an item",
    remove: "Remove",
    social_label: "Social links (http or https addresses)",
    unsubscribe_text_label: "Unsubscribe text",
    unsubscribe_link_label: "Unsubscribe link text",
    warnings_title: "To check",
    no_warnings: "Nothing to report.",
    preview_title: "Preview",
    sample_label: "Sample cart",
    sample_demo: "Demo cart",
    sample_discount_label: "Sample discount",
    width_label: "Width",
    desktop: "Desktop",
    tablet: "Tablet",
    mobile: "Mobile",
    subject_prefix: "Subject:",
    open_saved: "Open the saved version",
    test_title: "Send a test email",
    test_address: "Address",
    test_send: "Send test",
    test_sent: "Test email sent to",
    save: "Save",
    saving: "Saving…",
    saved: "Saved",
    unsaved: "Unsaved changes",
    confirm_leave: "Some changes are not saved. Leave anyway?",
    fix_problems: "Fix these before saving:",
    used_by: "Sent by the reminders:",
    not_used: "No reminder uses this template.",
    failed: "That did not work. Try again in a moment.",
    layout: |layout| match layout {
        Layout::Boxy => "Boxy",
        Layout::Sendy => "Sendy",
        Layout::Puffy => "Puffy",
    },
    layout_hint: |layout| match layout {
        Layout::Boxy => "Boxed, coloured header, item table",
        Layout::Sendy => "Plain, like a personal letter",
        Layout::Puffy => "Rounded, roomy, pill buttons",
    },
    icon: icon_en,
    sample_discount: |sample| match sample {
        SampleDiscount::None => "No discount",
        SampleDiscount::Percent => "10%",
        SampleDiscount::Amount => "€20.00",
        SampleDiscount::FreeShipping => "Free shipping",
        SampleDiscount::FreeGift => "Free gift product",
    },
    warning: warning_en,
    field: field_name_en,
    counter,
    language_name: language_name_en,
};

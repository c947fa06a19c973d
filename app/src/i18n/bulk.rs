//! The Carts list's bulk actions and the stopped carts, in both languages.

pub struct BulkTexts {
    pub select_all: &'static str,
    pub select_cart: &'static str,
    /// `{n}`: how many carts are selected.
    pub selected: &'static str,
    pub stop: &'static str,
    pub restart: &'static str,
    pub send_next: &'static str,
    pub export: &'static str,
    pub done: fn(u64) -> String,
    pub confirm_stop: &'static str,
    pub confirm_restart: &'static str,
    pub stopped: &'static str,
    pub stopped_notice: &'static str,
}

pub static FR: BulkTexts = BulkTexts {
    select_all: "Sélectionner les paniers de la page",
    select_cart: "Sélectionner ce panier",
    selected: "{n} panier(s) sélectionné(s)",
    stop: "Arrêter les relances",
    restart: "Relancer depuis le début",
    send_next: "Envoyer la relance suivante",
    export: "Exporter (CSV)",
    done: |n| format!("{n} panier(s) modifié(s)."),
    confirm_stop: "Arrêter les relances de ces paniers ? Une relance en file d'attente ne partira pas.",
    confirm_restart: "Recommencer la séquence de ces paniers depuis la première relance ?",
    stopped: "Relances arrêtées",
    stopped_notice: "Relances arrêtées par la boutique : ce panier ne recevra plus rien tant qu'il n'est pas relancé depuis la liste des paniers.",
};

pub static EN: BulkTexts = BulkTexts {
    select_all: "Select the carts of this page",
    select_cart: "Select this cart",
    selected: "{n} cart(s) selected",
    stop: "Stop reminders",
    restart: "Restart from the first reminder",
    send_next: "Send the next reminder",
    export: "Export (CSV)",
    done: |n| format!("{n} cart(s) changed."),
    confirm_stop: "Stop these carts' reminders? A queued reminder will not go out.",
    confirm_restart: "Start these carts' sequence again from the first reminder?",
    stopped: "Reminders stopped",
    stopped_notice: "Reminders stopped by the shop: this cart gets nothing more until it is restarted from the Carts list.",
};

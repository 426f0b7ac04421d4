//! Settings: profile, thresholds, units, theme.

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 tabindex="-1">"Settings"</h1>
            <div class="empty">
                <p>"Your profile, heart-rate and pace thresholds, units and theme are set here."</p>
            </div>
        </section>
    }
}

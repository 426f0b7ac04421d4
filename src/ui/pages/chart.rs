//! Chart: fitness, fatigue and form over time.

use leptos::prelude::*;

#[component]
pub fn ChartPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1 tabindex="-1">"Chart"</h1>
            <div class="empty">
                <p>"Your performance chart appears here: fitness (CTL), fatigue (ATL) and form (TSB) day by day, with each day’s training stress."</p>
            </div>
        </section>
    }
}

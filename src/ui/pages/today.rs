//! Today: the advice, the wellness check-in, and fitness, fatigue, form and ramp.

use leptos::prelude::*;

use crate::domain::advisor::{Advice, Basis, FirstSteps};
use crate::domain::date::Day;
use crate::domain::pmc::{self, PmcDay};
use crate::domain::profile::{Sex, Units};
use crate::domain::quantity::Metres;
use crate::domain::units;
use crate::domain::wellness::Wellness;
use crate::ui::route::Page;
use crate::ui::split;
use crate::ui::state::use_state;
use crate::ui::widgets::field::{bpm, number, optional};

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = use_state();
    let advice = state.advice;
    let today_pmc = move || state.pmc.with(|days| days.last().copied());

    view! {
        <section class="page">
            <h1 tabindex="-1">"Today"</h1>
            <p class="sub">{move || state.today.get().with_weekday()}</p>
            {move || advice.with(|a| a.first_steps.map(StartHere))}
            {move || {
                let units = state.data.with(|d| d.profile.units);
                let today = state.today.get();
                advice.with(|a| AdviceCard(a, units, today))
            }}
            <h2>"Fitness, fatigue and form"</h2>
            {move || match today_pmc() {
                Some(day) => Tiles(day).into_any(),
                None => view! {
                    <div class="empty">"Fitness (CTL), fatigue (ATL), form (TSB) and ramp rate appear here once you log sessions."</div>
                }.into_any(),
            }}
            {move || advice.with(|a| a.basis.settling.map(|s| view! {
                <p class="muted settling" data-testid="settling">{s.short()}" See “Why” above."</p>
            }))}
            {split::check_in_form()}
        </section>
    }
}

#[allow(non_snake_case)]
fn AdviceCard(a: &Advice, units: Units, today: Day) -> impl IntoView {
    let session = a.session.as_ref().map(|s| s.describe(units));
    let rules = a.rules.clone();
    let basis = basis_lines(&a.basis, units, today);
    let flags = a.flags.clone();
    let done = a.is_done();
    view! {
        <article class="card advice" data-testid="advice" data-kind=a.kind.as_str() data-rules=a.rule_ids()
            data-done=if done { "true" } else { "false" }>
            <p class="kind">{a.kind.label()}{done.then_some(" · done")}</p>
            <p class="headline">{a.headline.clone()}</p>
            {session.map(|lines| view! {
                <ul class="todo">
                    {lines.into_iter().map(|(k, v)| view! { <li><span class="muted">{k}</span><strong>{v}</strong></li> }).collect_view()}
                </ul>
            })}
            {(!flags.is_empty()).then(|| view! {
                <ul class="rules">
                    {flags.into_iter().map(|f| view! { <li><span class="flag">"R3"</span>" "{f.reason}</li> }).collect_view()}
                </ul>
            })}
            <details>
                <summary>"Why"</summary>
                <ul class="rules">
                    {rules.into_iter().map(|r| view! {
                        <li><span class="rule-id">{r.id.as_str()}</span>" "{r.sentence}</li>
                    }).collect_view()}
                </ul>
                <h3>"Based on"</h3>
                <ul>{basis.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </details>
        </article>
    }
}

/// Where to start, on a first visit (an empty log): the advisor says what is missing.
#[allow(non_snake_case)]
fn StartHere(s: FirstSteps) -> impl IntoView {
    let mut steps: Vec<(&str, &str, &str)> = Vec::new();
    if s.thresholds {
        steps.push((
            Page::Settings.href(),
            "Set your thresholds in Settings",
            " — threshold heart rate or pace, so each session gets its training stress.",
        ));
    }
    if s.weekly_volume {
        steps.push((
            Page::Settings.href(),
            "State your weekly running volume",
            " — your first weeks’ numbers start from it.",
        ));
    }
    steps.push((
        Page::Data.href(),
        "Import your history from a watch or Strava",
        " on the Data page — or log a session in the Log.",
    ));
    view! {
        <section class="card first-steps" data-testid="first-steps">
            <h2>"Start here"</h2>
            <p>"Nothing is logged yet, so there is no fitness, fatigue or form to read and nothing to recover from."</p>
            <ul>
                {steps.into_iter().map(|(href, link, rest)| view! { <li><a href=href>{link}</a>{rest}</li> }).collect_view()}
            </ul>
        </section>
    }
}

fn basis_lines(b: &Basis, units: Units, today: Day) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = &b.settling_text {
        out.push(s.clone());
    }
    if let Some(tsb) = b.tsb {
        out.push(format!(
            "Form (TSB) {tsb:+.0} — {}",
            pmc::form_band(tsb).label()
        ));
    }
    if let Some(ctl) = b.ctl {
        out.push(format!("Fitness (CTL) {ctl:.0}"));
    }
    if let Some(v) = b.weekly_volume_m.and_then(Metres::new) {
        out.push(format!(
            "Weekly running volume {} ({})",
            units::format_volume(v, units),
            b.volume_source.describe()
        ));
    }
    if let Some(h) = &b.hard_effort {
        out.push(format!("Hard effort: {}", h.describe(today)));
    }
    if let Some(n) = b.easy_days {
        out.push(format!("Easy days until form is back above −10: {n}"));
    }
    if let Some(h) = b.recovery_window_h {
        out.push(format!(
            "Recovery window after a hard effort: about {h:.0} h"
        ));
    }
    if let Some(k) = b.extra_energy_kcal {
        out.push(format!(
            "Extra energy need during menstruation: about {k:.0} kcal a day"
        ));
    }
    out
}

#[allow(non_snake_case)]
fn Tiles(day: PmcDay) -> impl IntoView {
    let band = pmc::form_band(day.tsb);
    view! {
        <div class="tiles">
            <div class="tile"><div class="name">"Fitness (CTL)"</div><div class="value">{format!("{:.0}", day.ctl)}</div><div class="band muted">"42-day load"</div></div>
            <div class="tile"><div class="name">"Fatigue (ATL)"</div><div class="value">{format!("{:.0}", day.atl)}</div><div class="band muted">"7-day load"</div></div>
            <div class="tile"><div class="name">"Form (TSB)"</div><div class="value">{format!("{:+.0}", day.tsb)}</div><div class="band">{band.label()}</div></div>
            <div class="tile"><div class="name">"Ramp"</div><div class="value">{format!("{:+.1}", day.ramp)}</div><div class="band muted">"CTL per week"</div></div>
        </div>
    }
}

/// Today's wellness check-in: saved per day, changes the advice at once. Its code is not in
/// the first download (`ui::split`).
#[component]
pub fn CheckIn() -> impl IntoView {
    let state = use_state();
    let entry = Memo::new(move |_| {
        let today = state.today.get();
        state.data.with(|d| {
            d.wellness_on(today)
                .cloned()
                .unwrap_or_else(|| Wellness::empty(today))
        })
    });
    let show_cycle = move || state.data.with(|d| d.profile.sex != Some(Sex::Male));
    let sleep_text = RwSignal::new(String::new());
    let hr_text = RwSignal::new(String::new());
    let sleep_err = RwSignal::new(None::<String>);
    let hr_err = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let e = entry.get();
        sleep_text.set(e.sleep_h.map(|h| format!("{h}")).unwrap_or_default());
        hr_text.set(
            e.resting_hr
                .map(|b| b.get().to_string())
                .unwrap_or_default(),
        );
    });

    let save = move |edit: &dyn Fn(&mut Wellness)| {
        let mut w = entry.get_untracked();
        edit(&mut w);
        state.change(|d| d.upsert_wellness(w));
    };

    view! {
        <details class="card checkin" open=move || entry.with(|e| e.soreness.is_none())>
            <summary>"Check-in: how do you feel today?"</summary>
            <label for="w-soreness">{move || format!("Soreness: {}", entry.with(|e| e.soreness.map(|s| format!("{s} of 10")).unwrap_or_else(|| "not set".into())))}</label>
            <input id="w-soreness" type="range" min="0" max="10" step="1"
                prop:value=move || entry.with(|e| e.soreness.unwrap_or(0).to_string())
                on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<u8>().ok().filter(|v| *v <= 10);
                    save(&|w| w.soreness = v);
                } />
            <p class="muted">"0 none · 3 a little stiff · 7 sore, it changes how you move · 10 worst"</p>
            <label class="check"><input type="checkbox" prop:checked=move || entry.with(|e| e.pain)
                on:change=move |ev| { let v = event_target_checked(&ev); save(&|w| w.pain = v); } />"Pain (not just soreness)"</label>
            <Show when=show_cycle>
                <label class="check"><input type="checkbox" prop:checked=move || entry.with(|e| e.menstruating)
                    on:change=move |ev| { let v = event_target_checked(&ev); save(&|w| w.menstruating = v); } />"Menstruating"</label>
            </Show>
            <div class="grid2">
                <div>
                    <label for="w-sleep">"Sleep (hours)"</label>
                    <input id="w-sleep" inputmode="decimal" prop:value=sleep_text
                        aria-invalid=move || sleep_err.get().map(|_| "true") aria-describedby="w-sleep-error"
                        on:input=move |ev| sleep_text.set(event_target_value(&ev))
                        on:change=move |_| {
                            let t = sleep_text.get_untracked();
                            match optional(&t, |s| number(s, 0.0, 24.0, "hours")) {
                                Ok(v) => { sleep_err.set(None); save(&|w| w.sleep_h = v); }
                                Err(e) => sleep_err.set(Some(e)),
                            }
                        } />
                    <p class="field-error" id="w-sleep-error">{sleep_err}</p>
                </div>
                <div>
                    <label for="w-rhr">"Resting HR (bpm)"</label>
                    <input id="w-rhr" inputmode="numeric" prop:value=hr_text
                        aria-invalid=move || hr_err.get().map(|_| "true") aria-describedby="w-rhr-error"
                        on:input=move |ev| hr_text.set(event_target_value(&ev))
                        on:change=move |_| {
                            let t = hr_text.get_untracked();
                            match bpm(&t) {
                                Ok(v) => { hr_err.set(None); save(&|w| w.resting_hr = v); }
                                Err(e) => hr_err.set(Some(e)),
                            }
                        } />
                    <p class="field-error" id="w-rhr-error">{hr_err}</p>
                </div>
            </div>
        </details>
    }
}

//! Today: the advice, the wellness check-in, and fitness, fatigue, form and ramp.

use leptos::prelude::*;

use crate::domain::advisor::{Advice, AdviceKind, Basis, FirstSteps, Readiness, EASY_DAY_TSS};
use crate::domain::date::Day;
use crate::domain::pmc::{self, PmcDay};
use crate::domain::profile::Sex;
use crate::domain::quantity::{Metres, RmssdMs};
use crate::domain::readiness;
use crate::domain::units;
use crate::domain::units::Units;
use crate::domain::wellness::{self, HrvSource, Wellness};
use crate::ui::route::Page;
use crate::ui::slots;
use crate::ui::snapshot;
use crate::ui::stage;
use crate::ui::state::{use_state, AppState};
use crate::ui::widgets::field::{bpm, number, optional, Field};

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = use_state();
    let advice = state.advice;
    let today_pmc = move || state.pmc.with(|days| days.last().copied());
    // After each render of what Today shows, keep it for the next opening's first paint.
    Effect::new(move |_| {
        advice.track();
        state.pmc.track();
        state.track_data();
        let today = state.today.get();
        stage::when_shown(move || request_animation_frame(move || snapshot::write(today)));
    });

    view! {
        <section class="page">
            <h1 tabindex="-1">"Today"</h1>
            <p class="sub">{move || state.today.get().with_weekday()}</p>
            // The advice is computed in a task of its own, before the parts that show it: the
            // first time, compiling the advisor is most of the work.
            {stage::later(move || advice.with_untracked(|_| ()))}
            {stage::later(move || move || advice.with(|a| a.first_steps.map(StartHere)))}
            {stage::later(move || move || {
                let units = state.with_profile(|p| p.units);
                let today = state.today.get();
                advice.with(|a| AdviceCard(a, units, today))
            })}
            {stage::later(move || view! {
                <h2>"Fitness, fatigue and form"</h2>
                {move || match today_pmc() {
                    Some(day) => Tiles(day).into_any(),
                    None => view! {
                        <div class="empty">"Fitness (CTL), fatigue (ATL), form (TSB) and ramp rate appear here once you log sessions."</div>
                    }.into_any(),
                }}
                {move || advice.with(|a| (a.basis.uncounted > 0).then(|| {
                    let n = a.basis.uncounted;
                    // Without thresholds, Settings scores them; else the Log shows which.
                    let (href, fix) = match a.first_steps {
                        Some(f) if f.unscored > 0 => (Page::Settings.href(), "Set your thresholds"),
                        _ => (Page::Log.href(), "See them in the Log"),
                    };
                    view! {
                        <p class="warning" data-testid="uncounted" data-count=n.to_string()>
                            {format!("{n} session{} of the last 28 days {} not counted (no TSS, or an implausible one to confirm): the advice reads less load than you did. ", if n == 1 { "" } else { "s" }, if n == 1 { "is" } else { "are" })}
                            <a href=href>{fix}</a>"."
                        </p>
                    }
                }))}
                {move || advice.with(|a| a.basis.settling.map(|s| view! {
                    <p class="muted settling" data-testid="settling">{s.short()}" See “Why” above."</p>
                }))}
                {move || advice.with(|a| a.basis.fitness_set.map(|f| view! {
                    <p class="muted settling" data-testid="fitness-set">{f.sentence()}</p>
                }))}
            })}
            {slots::view(|s| s.check_in)}
        </section>
    }
}

/// The load budget, the acute:chronic ratio and monotony (docs/domain.md §7), each with how it
/// is computed; their warnings.
#[allow(non_snake_case)]
fn Load(r: &Readiness, kind: AdviceKind) -> impl IntoView {
    let budget = r.load_budget.map(|l| {
        let n = l.floor().max(0.0) as u32;
        let advised = match kind {
            AdviceKind::Train | AdviceKind::Passive => String::new(),
            _ => format!(" Today's advised session: about {EASY_DAY_TSS:.0} TSS."),
        };
        let done = if r.done_today > 0.0 {
            format!(" Done so far: {:.0}.", r.done_today)
        } else {
            String::new()
        };
        view! {
            <p data-testid="load-budget" data-tss=n.to_string()>
                {format!("Load budget: up to {n} TSS today keeps tomorrow's form above −30.{advised}{done}")}
            </p>
        }
    });
    let pattern = r.load.map(|p| {
        view! {
            {p.acwr.map(|v| view! {
                <p data-testid="acwr" data-value=format!("{v:.2}")>{format!("Acute:chronic ratio {v:.2} (7-day ÷ 28-day mean daily TSS: {:.0} ÷ {:.0})", p.acute, p.chronic)}</p>
            })}
            {p.monotony.map(|m| view! {
                <p data-testid="monotony" data-value=format!("{m:.2}")>{format!("Monotony {m:.2}, strain {:.0}", p.strain.unwrap_or(0.0))}</p>
            })}
        }
    });
    let warnings = r.load.map(|p| p.warnings()).unwrap_or_default();
    (budget.is_some() || pattern.is_some()).then(|| view! {
        <section class="card load" data-testid="load">
            {budget}
            {pattern}
            {warnings.into_iter().map(|w| view! { <p class="warning">{w}</p> }).collect_view()}
            <details>
                <summary>"How"</summary>
                <p class="muted">"Budget: the chart run backwards — L = (−30 − CTL·(1 − k_c) + ATL·(1 − k_a)) ÷ (k_c − k_a), from yesterday's CTL and ATL and your time constants (Settings); at least 0."</p>
                <p class="muted">"Acute:chronic ratio (Gabbett 2016, coupled): mean daily TSS of the last 7 days ÷ that of the last 28 (the 7 included); above 1.5 warns. Shown once your log covers 28 days."</p>
                <p class="muted">"Monotony (Foster 1998): mean ÷ SD of the last 7 days' TSS, rest days as 0; strain = 7-day total × monotony; above 2.0 warns."</p>
            </details>
        </section>
    })
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

/// Where to start, on a first visit (an empty log), or with sessions no threshold scores:
/// the advisor says what is missing.
#[allow(non_snake_case)]
fn StartHere(s: FirstSteps) -> impl IntoView {
    let mut steps: Vec<(&str, &str, &str)> = Vec::new();
    if s.unscored > 0 {
        steps.push((
            Page::Settings.href(),
            "Use the thresholds your files suggest",
            " in Settings: your sessions then get their training stress, and the advice counts them.",
        ));
    } else if s.thresholds {
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
    if s.unscored == 0 {
        steps.push((
            Page::Data.href(),
            "Import your history from a watch or Strava",
            " on the Data page — or log a session in the Log.",
        ));
    }
    let intro = if s.unscored > 0 {
        "Your sessions have no training stress yet (no thresholds to score them by), so the advice cannot count them."
    } else {
        "Nothing is logged yet, so there is no fitness, fatigue or form to read and nothing to recover from."
    };
    view! {
        <section class="card first-steps" data-testid="first-steps">
            <h2>"Start here"</h2>
            <p>{intro}</p>
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
    let today = Signal::derive(move || state.today.get());
    let entry = DayEntry::new(today);
    let unset = move || {
        let today = today.get();
        state.with_wellness(|w| wellness::on(w, today).is_none_or(|e| e.soreness.is_none()))
    };

    view! {
        // Everything the check-in's chunk draws, in one box without a box of its own
        // (`display: contents`): Today's snapshot leaves it out (src/ui/snapshot.rs).
        <div class="from-check-in">
        // The load budget, ratio and monotony come with the check-in's chunk: Today's
        // first download stays within its budget (ARCHITECTURE.md, `ui::split`).
        // Each part in a task of its own (`stage::queued`): the chunk's code is compiled as it
        // first runs, and at once it was the longest task of a first visit.
        {stage::queued(move || move || state.advice.with(|a| Load(&a.basis.readiness, a.kind)))}
        <details class="card checkin" open=unset>
            <summary>"Check-in: how do you feel today?"</summary>
            {stage::queued(move || CheckInFeel(entry, "w-".into()))}
            {stage::queued(move || CheckInNumbers(entry, "w-".into()))}
            {stage::queued(move || move || state.advice.with(|a| ReadinessNumbers(&a.basis.readiness)))}
            {stage::queued(move || move || {
                let today = state.today.get();
                let (band, series) = state.advice.with(|a| {
                    let h = a.basis.readiness.hrv;
                    (h.and_then(|h| h.normal), h.and_then(|h| h.series))
                });
                state.with_wellness(|w| HrvTrend(w, today, band, series))
            })}
        </details>
        </div>
    }
}

/// One day's check-in fields (docs/domain.md §7), saved as they change through
/// [`AppState::change`](crate::ui::state::AppState::change): Today's check-in and the Log's
/// check-ins of past days are both this form. `prefix` starts every field's id (Today's
/// are `w-soreness`, `w-sleep`…; a past day's name its date, so ids stay unique).
#[component]
pub fn CheckInFields(
    #[prop(into)] day: Signal<Day>,
    #[prop(into)] prefix: String,
) -> impl IntoView {
    let entry = DayEntry::new(day);
    view! {
        {CheckInFeel(entry, prefix.clone())}
        {CheckInNumbers(entry, prefix)}
    }
}

/// One day's check-in as its fields read and change it.
#[derive(Clone, Copy)]
struct DayEntry {
    state: AppState,
    entry: Memo<Wellness>,
}

impl DayEntry {
    fn new(day: Signal<Day>) -> DayEntry {
        let state = use_state();
        let entry = Memo::new(move |_| {
            let day = day.get();
            state.with_wellness(|w| {
                wellness::on(w, day)
                    .cloned()
                    .unwrap_or_else(|| Wellness::empty(day))
            })
        });
        DayEntry { state, entry }
    }

    fn with<T>(self, f: impl FnOnce(&Wellness) -> T) -> T {
        self.entry.with(f)
    }

    /// Saves the day's entry with `edit` made to it.
    fn save(self, edit: &dyn Fn(&mut Wellness)) {
        let mut w = self.entry.get_untracked();
        edit(&mut w);
        self.state.change(|d| d.upsert_wellness(w));
    }
}

/// How the athlete feels: soreness, pain, illness, injury, the cycle.
#[allow(non_snake_case)]
fn CheckInFeel(entry: DayEntry, prefix: String) -> impl IntoView {
    let state = entry.state;
    let id = move |name: &str| format!("{prefix}{name}");
    let show_cycle = move || state.with_profile(|p| p.sex != Some(Sex::Male));
    let save = move |edit: &dyn Fn(&mut Wellness)| entry.save(edit);
    view! {
        <label for=id("soreness")>{move || format!("Soreness: {}", entry.with(|e| e.soreness.map(|s| format!("{s} of 10")).unwrap_or_else(|| "not set".into())))}</label>
        <input id=id("soreness") type="range" min="0" max="10" step="1"
            prop:value=move || entry.with(|e| e.soreness.unwrap_or(0).to_string())
            on:change=move |ev| {
                let v = event_target_value(&ev).parse::<u8>().ok().filter(|v| *v <= 10);
                save(&|w| w.soreness = v);
            } />
        <p class="muted">"0 none · 3 a little stiff · 7 sore, it changes how you move · 10 worst"</p>
        <label class="check"><input type="checkbox" prop:checked=move || entry.with(|e| e.pain)
            on:change=move |ev| { let v = event_target_checked(&ev); save(&|w| w.pain = v); } />"Pain (not just soreness)"</label>
        <label class="check"><input type="checkbox" prop:checked=move || entry.with(|e| e.sick)
            on:change=move |ev| { let v = event_target_checked(&ev); save(&|w| w.sick = v); } />"Sick (fever, cold, stomach bug)"</label>
        <label class="check"><input type="checkbox" prop:checked=move || entry.with(|e| e.injured)
            on:change=move |ev| { let v = event_target_checked(&ev); save(&|w| w.injured = v); } />"Injured (it changes how you can train)"</label>
        <Show when=show_cycle>
            <label class="check"><input type="checkbox" prop:checked=move || entry.with(|e| e.menstruating)
                on:change=move |ev| { let v = event_target_checked(&ev); save(&|w| w.menstruating = v); } />"Menstruating"</label>
        </Show>
    }
}

/// What the athlete measured: sleep, resting HR, HRV.
#[allow(non_snake_case)]
fn CheckInNumbers(entry: DayEntry, prefix: String) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}{name}");
    let save = move |edit: &dyn Fn(&mut Wellness)| entry.save(edit);
    view! {
        <div class="grid2">
            <Field id=id("sleep") label="Sleep (hours)" inputmode="decimal"
                value=Signal::derive(move || entry.with(|e| e.sleep_h.map(|h| format!("{h}")).unwrap_or_default()))
                on_commit=move |t: String| {
                    let v = optional(&t, |s| number(s, 0.0, 24.0, "hours"))?;
                    save(&|w| w.sleep_h = v);
                    Ok(())
                } />
            <Field id=id("rhr") label="Resting HR (bpm)" inputmode="numeric"
                value=Signal::derive(move || entry.with(|e| e.resting_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                on_commit=move |t: String| {
                    let v = bpm(&t)?;
                    save(&|w| w.resting_hr = v);
                    Ok(())
                } />
            <Field id=id("hrv") label="Morning HRV (rMSSD, ms)" inputmode="decimal"
                value=Signal::derive(move || entry.with(|e| e.hrv.map(|h| format!("{}", h.get())).unwrap_or_default()))
                on_commit=move |t: String| {
                    let v = optional(&t, |s| {
                        let (lo, hi) = RmssdMs::RANGE;
                        number(s, lo, hi, "ms").and_then(|v| RmssdMs::new(v).ok_or_else(|| "not an rMSSD".to_string()))
                    })?;
                    // A value typed here is the runner's own (docs/formats.md §2.1).
                    save(&|w| {
                        w.hrv = v;
                        w.hrv_source = v.map(|_| HrvSource::Manual);
                    });
                    Ok(())
                } />
        </div>
    }
}

/// The HRV baseline and range and resting HR against its baseline, with how they are
/// computed, or how many mornings they still need (docs/domain.md §7). In the check-in's chunk.
#[allow(non_snake_case)]
fn ReadinessNumbers(r: &Readiness) -> impl IntoView {
    let hrv = r.hrv.map(|h| {
        // Which HRV: each source keeps its own baseline (docs/domain.md §7).
        let (from, measure) = match h.series {
            Some(s) => (
                match s.source {
                    HrvSource::Manual => " (typed in)".to_string(),
                    other => format!(" (from {})", other.as_str()),
                },
                if s.sdnn { "SDNN" } else { "rMSSD" },
            ),
            None => (String::new(), "rMSSD"),
        };
        let theirs = match (h.series, h.source_range) {
            (Some(s), Some((lo, hi))) => format!(
                " {}'s own normal range: {lo:.0}–{hi:.0} ms.",
                hrv_source_name(s.source)
            ),
            _ => String::new(),
        };
        let ours = match (h.baseline, h.normal) {
            (Some(b), Some(n)) => format!(
                "HRV{from}: 7-day ln {measure} {b:.2} (about {:.0} ms); your normal range {:.2}–{:.2} (about {:.0}–{:.0} ms){}.",
                b.exp(),
                n.low,
                n.high,
                n.low.exp(),
                n.high.exp(),
                if h.is_low() { " — below it" } else { "" }
            ),
            _ => format!(
                "HRV: {} of {} mornings for the normal range, {} of {} this week{from}: not enough data yet.",
                h.normal_n.min(readiness::NORMAL_RANGE_MIN),
                readiness::NORMAL_RANGE_MIN,
                h.baseline_n.min(readiness::HRV_BASELINE_MIN),
                readiness::HRV_BASELINE_MIN
            ),
        };
        format!("{ours}{theirs}")
    });
    let rhr = r.resting_hr.map(|h| match (h.today, h.baseline) {
        (Some(t), Some(b)) => format!(
            "Resting HR {} bpm against your 60-day average of {b:.0}{}.",
            t.get(),
            if h.is_elevated() {
                " — elevated (5 or more above: a coaching heuristic)"
            } else {
                ""
            }
        ),
        (None, Some(b)) => {
            format!("Resting HR: your 60-day average is {b:.0} bpm; add this morning's to compare.")
        }
        _ => format!(
            "Resting HR: not enough data yet ({} of {} mornings).",
            h.baseline_n.min(readiness::NORMAL_RANGE_MIN),
            readiness::NORMAL_RANGE_MIN
        ),
    });
    view! {
        <div class="readiness" data-testid="readiness">
            <p>{hrv}</p>
            <p>{rhr}</p>
            <p class="muted">"How: HRV as ln(rMSSD) (Plews et al. 2012, 2014; HRV4Training) — the 7-day baseline is the mean of the last 7 days (3 values at least), the normal range the mean ± 0.5 SD of the 60 days before (14 at least); below it, keep the day easy. Each source (an HRV app's morning reading, a watch's night, Apple Watch's SDNN) has its own baseline: the latest with enough mornings is used. Resting HR: today against the mean of the previous 60 days (14 at least)."</p>
        </div>
    }
}

/// The last 60 days of HRV (ln ms, of the series the baseline is taken over) as a small
/// line, the normal range shaded.
#[allow(non_snake_case)]
fn HrvTrend(
    wellness: &[Wellness],
    today: Day,
    band: Option<readiness::NormalRange>,
    series: Option<readiness::HrvSeries>,
) -> Option<impl IntoView> {
    let from = today.add_days(-59);
    let series = series?;
    let points: Vec<(i32, f64)> = wellness
        .iter()
        .filter(|w| w.date >= from && w.date <= today)
        .filter_map(|w| readiness::hrv_in(w, series).map(|v| (w.date.days_since(from), v.ln())))
        .collect();
    if points.len() < 2 {
        return None;
    }
    let mut lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if let Some(n) = band {
        lo = lo.min(n.low);
        hi = hi.max(n.high);
    }
    let span = (hi - lo).max(0.05);
    let (w, h) = (240.0, 60.0);
    let y = move |v: f64| h - 4.0 - (v - lo) / span * (h - 8.0);
    let line = points
        .iter()
        .map(|(d, v)| format!("{:.1},{:.1}", f64::from(*d) * w / 59.0, y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    let shade = band.map(|n| {
        let (top, bottom) = (y(n.high), y(n.low));
        view! { <rect x="0" y=format!("{top:.1}") width="240" height=format!("{:.1}", (bottom - top).max(1.0)) class="band" /> }
    });
    Some(view! {
        <svg class="hrv-trend" viewBox="0 0 240 60" role="img" aria-label="HRV, last 60 days (ln rMSSD), normal range shaded">
            {shade}
            <polyline points=line fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
    })
}

/// A source's name as runners know it ("you" for values typed here).
fn hrv_source_name(s: HrvSource) -> &'static str {
    match s {
        HrvSource::Manual => "you",
        other => other.as_str(),
    }
}

//! Log: sessions newest first; add, edit and delete (with undo); live TSS as you type.

use leptos::prelude::*;

use crate::domain::date::Day;
use crate::domain::entry::{Field, FieldErrors, SessionForm};
use crate::domain::profile::Profile;
use crate::domain::session::{Intent, Session, SessionId, Sport, TssMethod};
use crate::domain::units::Units;
use crate::domain::wellness::{self, Wellness};
use crate::domain::{advisor, tss, units, weeks};
use crate::store::data::Data;
use crate::ui::clock;
use crate::ui::pages::today::CheckInFields;
use crate::ui::state::use_state;

/// Rows shown before "Show more": enough for a month or two, few enough to render at once.
const PAGE: usize = 40;

#[derive(Clone, Debug, PartialEq)]
enum Editing {
    Closed,
    New,
    Existing(SessionId),
}

#[component]
pub fn LogPage() -> impl IntoView {
    let state = use_state();
    let data = state.whole();
    let editing = RwSignal::new(Editing::Closed);
    let shown = RwSignal::new(PAGE);
    let sport_filter = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // In the app's state, so the offer outlives this page (issue #17).
    let undo = state.deleted;
    let add_button = NodeRef::<leptos::html::Button>::new();

    let filtered = Memo::new(move |_| {
        let sport = Sport::parse(&sport_filter.get());
        let from = from.get().parse::<Day>().ok();
        let to = to.get().parse::<Day>().ok();
        // Only the rows shown are cloned and fully sorted: with ten years in the log, a
        // save re-runs this, and copying and sorting 5,000 sessions cost more than a frame.
        let limit = shown.get();
        let today = state.today.get();
        // The filter, once: for the rows and for the week totals.
        let kept = move |s: &&Session| {
            sport.is_none_or(|x| s.sport == x)
                && from.is_none_or(|f| s.date >= f)
                && to.is_none_or(|t| s.date <= t)
        };
        data.with(|d| {
            let mut list: Vec<&Session> = d.sessions.iter().filter(kept).collect();
            let total = list.len();
            // Newest first; the id breaks ties so the order never changes between renders.
            let newest_first = |a: &&Session, b: &&Session| {
                (b.date, b.start_time, &b.id.0).cmp(&(a.date, a.start_time, &a.id.0))
            };
            if list.len() > limit {
                list.select_nth_unstable_by(limit, newest_first);
                list.truncate(limit);
            }
            list.sort_unstable_by(newest_first);
            // The totals of the weeks shown, over every session the filter keeps in them
            // (not only the rows shown), done sessions only.
            let oldest = list.last().map(|s| weeks::week_start(s.date));
            let week_totals = match oldest {
                Some(oldest) => weeks::totals(
                    d.sessions.iter().filter(|s| s.date >= oldest).filter(kept),
                    &d.profile,
                    today,
                ),
                None => Default::default(),
            };
            (
                total,
                list.into_iter().cloned().collect::<Vec<Session>>(),
                week_totals,
            )
        })
    });

    let delete = move |s: Session| {
        let id = s.id.clone();
        // A successful change ends any earlier offer; this delete's starts after it.
        if state.change(|d| {
            d.delete_session(&id);
        }) {
            undo.set(Some(s));
        }
    };
    let restore = move |_| {
        if let Some(s) = undo.get_untracked() {
            // The change ends the offer.
            state.change(|d| d.upsert_session(s));
        }
    };

    view! {
        <section class="page">
            <h1 tabindex="-1">"Log"</h1>
            <div class="actions">
                <button type="button" class="primary" node_ref=add_button on:click=move |_| editing.set(Editing::New)>"Add session"</button>
            </div>
            {move || (editing.get() == Editing::New).then(|| view! { <SessionEditor editing back=add_button /> })}
            <div role="status" class="undo">
                {move || undo.get().map(|s| view! {
                    <p class="card">
                        {format!("Deleted “{}”. ", label(&s))}
                        <button type="button" on:click=restore>"Undo"</button>
                    </p>
                })}
            </div>
            <details class="filters">
                <summary>"Filter"</summary>
                <div class="grid2">
                    <div>
                        <label for="f-sport">"Sport"</label>
                        <select id="f-sport" on:change=move |e| { sport_filter.set(event_target_value(&e)); shown.set(PAGE); }>
                            <option value="">"All sports"</option>
                            {Sport::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{sport_name(s)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="f-from">"From"</label>
                        <input id="f-from" type="date" on:change=move |e| from.set(event_target_value(&e)) />
                    </div>
                    <div>
                        <label for="f-to">"To"</label>
                        <input id="f-to" type="date" on:change=move |e| to.set(event_target_value(&e)) />
                    </div>
                </div>
            </details>
            <Show
                when=move || filtered.with(|(total, _, _)| *total > 0)
                fallback=move || view! {
                    <div class="empty">
                        {move || if data.with(|d| d.sessions.is_empty()) {
                            "Your sessions appear here, newest first, each with its Training Stress Score and how it was estimated. Add one, or import a backup or CSV on the Data page."
                        } else {
                            "No session matches the filter."
                        }}
                    </div>
                }
            >
                <p class="muted">{move || {
                    let n = filtered.with(|(total, _, _)| *total);
                    format!("{n} session{}", if n == 1 { "" } else { "s" })
                }}</p>
                <ul class="sessions">
                    // Keyed by what a row shows: a save with ten years logged adds one row and
                    // drops one, instead of patching all forty (3–4 ms of DOM work a save).
                    <For
                        each=move || {
                            let today = state.today.get();
                            let profile = data.with(|d| d.profile.clone());
                            filtered.with(|(_, list, week_totals)| {
                                let mut items = Vec::with_capacity(list.len() + 8);
                                let mut week = None;
                                for s in list {
                                    let start = weeks::week_start(s.date);
                                    if week != Some(start) {
                                        week = Some(start);
                                        let totals = week_totals.get(&start).copied().unwrap_or_default();
                                        items.push(Item::Week(WeekHead::new(start, totals, profile.units)));
                                    }
                                    items.push(Item::Session(Box::new(Row::new(s.clone(), profile.clone(), today))));
                                }
                                items
                            })
                        }
                        key=|item| item.key()
                        children=move |item| {
                            let row = match item {
                                Item::Week(w) => return view! {
                                    <li class="week"><h2>{w.title}</h2><p class="muted">{w.totals}</p></li>
                                }.into_any(),
                                Item::Session(row) => *row,
                            };
                            let id = row.session.id.clone();
                            let editing_this = {
                                let id = id.clone();
                                move || editing.get() == Editing::Existing(id.clone())
                            };
                            let s = row.session.clone();
                            // Twelve rows of "Edit" and "Delete" read the same to a screen
                            // reader: each names its session.
                            let which = format!("{}, {}", label(&s), s.date.with_weekday());
                            // An implausible estimate not yet counted: count it as it is
                            // (the runner chooses its method), or pick another (the form).
                            let held_method = match tss::load(&s, &row.profile) {
                                tss::Load::HeldBack { .. } => tss::score(&s, &row.profile).map(|sc| sc.method),
                                _ => None,
                            };
                            let confirm = {
                                let s = s.clone();
                                move |_| {
                                    let mut chosen = s.clone();
                                    chosen.tss_method_chosen = held_method;
                                    state.change(|d| d.upsert_session(chosen));
                                }
                            };
                            let pick = {
                                let id = id.clone();
                                move |_| editing.set(Editing::Existing(id.clone()))
                            };
                            view! {
                                <li>
                                    {SessionRow(&row.session, &row.profile, row.profile.units, row.today)}
                                    {held_method.map(|_| view! {
                                        <div class="actions">
                                            <button type="button" aria-label=format!("Count it: {which}") on:click=confirm>"Count it"</button>
                                            <button type="button" aria-label=format!("Pick another method: {which}") on:click=pick>"Pick another method"</button>
                                        </div>
                                    })}
                                    <div class="actions">
                                        <button type="button" aria-label=format!("Edit {which}") on:click=move |_| editing.set(Editing::Existing(id.clone()))>"Edit"</button>
                                        <button type="button" class="danger" aria-label=format!("Delete {which}") on:click=move |_| delete(s.clone())>"Delete"</button>
                                    </div>
                                    // The form opens where the session is, not at the top
                                    // of a long list, off the phone's screen.
                                    {move || editing_this().then(|| view! { <SessionEditor editing back=add_button /> })}
                                </li>
                            }.into_any()
                        }
                    />
                </ul>
                <Show when=move || { filtered.with(|(total, _, _)| *total) > shown.get() }>
                    <button type="button" on:click=move |_| shown.update(|n| *n += PAGE)>"Show more"</button>
                </Show>
            </Show>
            <CheckIns />
        </section>
    }
}

/// Past days shown in the check-in history: two weeks before today.
const CHECK_IN_DAYS: i32 = 14;

/// The check-ins of the past two weeks, each editable with Today's form (docs/domain.md §7:
/// check-ins are editable for past days, issue #19).
#[component]
fn CheckIns() -> impl IntoView {
    let state = use_state();
    let days = move || {
        let today = state.today.get();
        (1..=CHECK_IN_DAYS)
            .map(|n| today.add_days(-n))
            .collect::<Vec<Day>>()
    };
    view! {
        <section class="check-ins" aria-labelledby="check-ins-title">
            <h2 id="check-ins-title">"Check-ins"</h2>
            <p class="muted">"The past two weeks; open a day to add or correct its check-in. Today's is on Today."</p>
            <ul class="check-ins">
                <For each=days key=|d| *d children=move |day| view! { <CheckInDay day /> } />
            </ul>
        </section>
    }
}

/// One past day: what its check-in says, and the form (built when opened).
#[component]
fn CheckInDay(day: Day) -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    let said = move || state.with_wellness(|w| check_in_summary(wellness::on(w, day)));
    view! {
        <li data-day=day.to_string()>
            <details class="card checkin"
                on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
                <summary>{day.with_weekday()}": "{said}</summary>
                <Show when=move || open.get()>
                    <CheckInFields day prefix=format!("w-{day}-") />
                </Show>
            </details>
        </li>
    }
}

/// "soreness 3, sick, sleep 7.5 h" for a day's check-in; "no check-in" without one.
fn check_in_summary(w: Option<&Wellness>) -> String {
    let Some(w) = w else {
        return "no check-in".into();
    };
    let mut parts = Vec::new();
    if let Some(s) = w.soreness {
        parts.push(format!("soreness {s}"));
    }
    for (on, what) in [
        (w.pain, "pain"),
        (w.sick, "sick"),
        (w.injured, "injured"),
        (w.menstruating, "menstruating"),
    ] {
        if on {
            parts.push(what.into());
        }
    }
    if let Some(h) = w.sleep_h {
        parts.push(format!("sleep {h} h"));
    }
    if let Some(b) = w.resting_hr {
        parts.push(format!("resting HR {}", b.get()));
    }
    if let Some(h) = w.hrv {
        parts.push(format!("HRV {} ms", h.get()));
    }
    if parts.is_empty() {
        "nothing recorded".into()
    } else {
        parts.join(", ")
    }
}

/// An item of the list: a week's heading with its totals, or a session.
enum Item {
    Week(WeekHead),
    Session(Box<Row>),
}

impl Item {
    fn key(&self) -> u64 {
        match self {
            Item::Week(w) => w.key,
            Item::Session(r) => r.key,
        }
    }
}

/// A week's heading: "Week of Mon 2026-03-09" and "3 sessions · 42.0 km · 3:45:00 · 180 TSS".
struct WeekHead {
    key: u64,
    title: String,
    totals: String,
}

impl WeekHead {
    fn new(start: Day, t: weeks::WeekTotals, unit: Units) -> WeekHead {
        use std::hash::{Hash, Hasher};
        let title = format!("Week of {}", start.with_weekday());
        let mut parts = vec![format!(
            "{} session{}",
            t.sessions,
            if t.sessions == 1 { "" } else { "s" }
        )];
        if let Some(d) =
            crate::domain::quantity::Metres::new(t.distance_m).filter(|_| t.distance_m > 0.0)
        {
            parts.push(units::format_distance(d, unit));
        }
        if let Some(d) =
            crate::domain::quantity::Seconds::new(u32::try_from(t.duration_s).unwrap_or(u32::MAX))
        {
            parts.push(units::format_duration(d));
        }
        parts.push(format!("{:.0} TSS", t.tss));
        if t.planned > 0 {
            parts.push(format!("{} planned", t.planned));
        }
        let totals = parts.join(" · ");
        let mut h = std::hash::DefaultHasher::new();
        ("week", &title, &totals).hash(&mut h);
        WeekHead {
            key: h.finish(),
            title,
            totals,
        }
    }
}

/// One row of the list with everything its view shows; `key` is a fingerprint of all of
/// it, so a row is rebuilt exactly when something it shows changed.
struct Row {
    key: u64,
    session: Session,
    profile: Profile,
    today: Day,
}

impl Row {
    fn new(session: Session, profile: Profile, today: Day) -> Row {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        format!("{session:?}{profile:?}{today}").hash(&mut h);
        Row {
            key: h.finish(),
            session,
            profile,
            today,
        }
    }
}

#[allow(non_snake_case)]
fn SessionRow(s: &Session, profile: &Profile, unit: Units, today: Day) -> impl IntoView {
    let score = tss::score(s, profile);
    let flag = advisor::r3_flag(s, profile);
    let planned = s.is_planned(today);
    let mut facts = vec![units::format_duration(s.duration)];
    if let Some(d) = s.distance {
        facts.push(units::format_distance(d, unit));
        if s.sport == Sport::Run && d.get() > 0.0 {
            if let Some(p) = crate::domain::quantity::PacePerKm::new(
                f64::from(s.duration.get()) / (d.get() / 1000.0),
            ) {
                facts.push(units::format_pace(p, unit));
            }
        }
    }
    if let Some(hr) = s.avg_hr {
        facts.push(format!("{} bpm", hr.get()));
    }
    // Flagged (docs/domain.md §6) and, until the runner confirms it, not counted.
    let implausible = score.and_then(|sc| tss::implausible_rate(s, &sc));
    let held_back = matches!(tss::load(s, profile), tss::Load::HeldBack { .. });
    let tss_text = match &score {
        Some(sc) => format!(
            "{:.0} TSS · {}{}",
            sc.tss.get(),
            method_name(sc.method),
            if held_back {
                " (not counted)"
            } else if s.tss_method_chosen == Some(sc.method) {
                " (your choice)"
            } else {
                ""
            }
        ),
        None => "TSS unknown".to_string(),
    };
    // Which thresholds scored it (docs/domain.md §6).
    let why = score
        .and_then(|sc| crate::domain::tss::describe(sc.method, &profile.in_force(s.date), unit));
    view! {
        <div class="row">
            <strong>{label(s)}</strong>
            <span>{tss_text}</span>
        </div>
        <div class="row muted">
            <span>
                {format!("{}{} · {}", s.date.with_weekday(), s.start_time.map(|t| format!(" {t}")).unwrap_or_default(), sport_name(s.sport))}
                {s.intent.map(|i| format!(" · {}", intent_name(i)))}
            </span>
            <span>{facts.join(" · ")}</span>
        </div>
        {why.map(|w| view! { <p class="muted why">{format!("Scored with {w}.")}</p> })}
        {planned.then(|| view! { <span class="planned">"Planned"</span> })}
        {flag.map(|f| view! { <p class="flag-line"><span class="flag">"R3 · not a recovery run"</span>" "{f}</p> })}
        {implausible.map(|rate| view! {
            <p class="flag-line"><span class="flag">"implausible"</span>" "
                {if held_back {
                    format!("{rate:.0} TSS an hour is more than anyone sustains ({:.0} at most), so it is not counted in your fitness, fatigue or advice: check the duration, distance and your thresholds, then count it as it is or pick another method.", tss::IMPLAUSIBLE_TSS_PER_HOUR)
                } else {
                    format!("{rate:.0} TSS an hour is more than anyone sustains ({:.0} at most); you chose to count it.", tss::IMPLAUSIBLE_TSS_PER_HOUR)
                }}
            </p>
        })}
        {(!s.notes.is_empty()).then(|| view! { <p class="muted notes">{s.notes.clone()}</p> })}
    }
}

/// The add/edit form, with the TSS estimate updating as fields change. `back` gets the
/// focus when it closes.
#[component]
fn SessionEditor(editing: RwSignal<Editing>, back: NodeRef<leptos::html::Button>) -> impl IntoView {
    let state = use_state();
    let data = state.whole();
    let unit = data.with_untracked(|d| d.profile.units);
    let initial = match editing.get_untracked() {
        Editing::Existing(id) => data
            .with_untracked(|d| {
                d.sessions
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| SessionForm::from_session(s, unit))
            })
            .unwrap_or_default(),
        _ => {
            let last = data.with_untracked(|d| {
                d.sessions
                    .iter()
                    .max_by_key(|s| (s.date, s.start_time))
                    .map(|s| s.sport)
            });
            SessionForm::new_entry(state.today.get_untracked(), last)
        }
    };
    let form = RwSignal::new(initial);
    let errors: RwSignal<FieldErrors> = RwSignal::new(Vec::new());
    // Opened from a card far down the list, the form starts in view (a phone's screen
    // otherwise shows only the card's buttons).
    let form_ref = NodeRef::<leptos::html::Form>::new();
    form_ref.on_load(|f| {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        f.scroll_into_view_with_scroll_into_view_options(&options);
    });
    let id = match editing.get_untracked() {
        Editing::Existing(id) => id,
        _ => Data::new_session_id(clock::millis()),
    };
    let id_for_preview = id.clone();
    let id_for_methods = id.clone();

    let preview = Memo::new(move |_| {
        let profile = data.with(|d| d.profile.clone());
        form.with(|f| f.parse(id_for_preview.clone(), profile.units))
            .ok()
            .map(|mut s| {
                tss::rescore(&mut s, &profile);
                let score = tss::score(&s, &profile);
                let held_back = matches!(tss::load(&s, &profile), tss::Load::HeldBack { .. });
                let implausible = score
                    .and_then(|sc| tss::implausible_rate(&s, &sc))
                    .map(|rate| (rate, held_back));
                (score, advisor::r3_flag(&s, &profile), implausible)
            })
    });

    // The methods the typed data allow, for the choice of method (docs/domain.md §6).
    let methods = Memo::new(move |_| {
        let profile = data.with(|d| d.profile.clone());
        form.with(|f| {
            SessionForm {
                tss: String::new(),
                method: String::new(),
                ..f.clone()
            }
            .parse(id_for_methods.clone(), profile.units)
        })
        .map(|s| {
            tss::available(&s, &profile)
                .into_iter()
                .map(|sc| sc.method)
                .filter(|m| *m != TssMethod::Given)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });

    // Focus goes back to "Add session" before the form (and the field that has the focus)
    // is removed: keyboard users keep their place, and the browser does not have to find a
    // new focus while the list changes (that cost 7 ms of a save with ten years logged).
    let close = move || {
        if let Some(b) = back.get_untracked() {
            let _ = b.focus();
        }
        editing.set(Editing::Closed);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let profile = data.with_untracked(|d| d.profile.clone());
        match form.with_untracked(|f| f.parse(id.clone(), profile.units)) {
            Ok(mut s) => {
                tss::rescore(&mut s, &profile);
                if state.change(|d| d.upsert_session(s)) {
                    close();
                }
            }
            Err(e) => errors.set(e),
        }
    };

    let title = if matches!(editing.get_untracked(), Editing::New) {
        "New session"
    } else {
        "Edit session"
    };
    let dist_unit = if unit == Units::Imperial { "mi" } else { "km" };
    view! {
        <form class="card editor" node_ref=form_ref on:submit=save novalidate>
            <h2>{title}</h2>
            <div class="grid2">
                <TextField id="s-date" label="Date" kind="date" field=Field::Date form errors get=|f| f.date.clone() set=|f, v| f.date = v />
                <TextField id="s-time" label="Start time" kind="time" field=Field::StartTime form errors get=|f| f.start_time.clone() set=|f, v| f.start_time = v />
                <div>
                    <label for="s-sport">"Sport"</label>
                    <select id="s-sport" prop:value=move || form.with(|f| f.sport.clone()) on:change=move |e| form.update(|f| f.sport = event_target_value(&e))>
                        {Sport::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{sport_name(s)}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="s-intent">"Intent"</label>
                    <select id="s-intent" prop:value=move || form.with(|f| f.intent.clone()) on:change=move |e| form.update(|f| f.intent = event_target_value(&e))>
                        <option value="">"—"</option>
                        {Intent::ALL.into_iter().map(|i| view! { <option value=i.as_str()>{intent_name(i)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <label for="s-title">"Title"</label>
            <input id="s-title" type="text" prop:value=move || form.with(|f| f.title.clone()) on:input=move |e| form.update(|f| f.title = event_target_value(&e)) />
            <div class="grid2">
                <TextField id="s-duration" label="Duration" hint="45:00 or 1:05:00" mode="text" field=Field::Duration form errors get=|f| f.duration.clone() set=|f, v| f.duration = v />
                <TextField id="s-distance" label=if dist_unit == "mi" { "Distance (mi)" } else { "Distance (km)" } mode="decimal" field=Field::Distance form errors get=|f| f.distance.clone() set=|f, v| f.distance = v />
                <TextField id="s-hr" label="Average HR (bpm)" mode="numeric" field=Field::AvgHr form errors get=|f| f.avg_hr.clone() set=|f, v| f.avg_hr = v />
                <TextField id="s-rpe" label="Effort (RPE 1–10)" mode="numeric" field=Field::Rpe form errors get=|f| f.rpe.clone() set=|f, v| f.rpe = v />
                <TextField id="s-power" label="Average power (W)" mode="numeric" field=Field::AvgPower form errors get=|f| f.avg_power.clone() set=|f, v| f.avg_power = v />
                <TextField id="s-np" label="Normalized power (W)" mode="numeric" field=Field::NormalizedPower form errors get=|f| f.normalized_power.clone() set=|f, v| f.normalized_power = v />
                <TextField id="s-tss" label="TSS (if known)" hint="from a watch or coach" mode="decimal" field=Field::Tss form errors get=|f| f.tss.clone() set=|f, v| f.tss = v />
                <div>
                    <label for="s-method">"TSS method"</label>
                    <select id="s-method" prop:value=move || form.with(|f| f.method.clone()) on:change=move |e| form.update(|f| f.method = event_target_value(&e))>
                        <option value="">"The best the data allow"</option>
                        {move || methods.get().into_iter().map(|m| view! { <option value=m.as_str()>{method_choice(m)}</option> }).collect_view()}
                        <option value="given">"The TSS typed above"</option>
                    </select>
                </div>
            </div>
            <label for="s-notes">"Notes"</label>
            <textarea id="s-notes" rows="2" prop:value=move || form.with(|f| f.notes.clone()) on:input=move |e| form.update(|f| f.notes = event_target_value(&e))></textarea>
            <p class="live-tss" aria-live="polite" data-testid="live-tss">
                {move || match preview.get() {
                    Some((Some(sc), _, _)) => format!(
                        "{:.0} TSS{} · {}",
                        sc.tss.get(),
                        sc.intensity.map(|i| format!(" · IF {i:.2}")).unwrap_or_default(),
                        method_name(sc.method)
                    ),
                    Some((None, _, _)) => "TSS: add heart rate, pace, power or effort (RPE) to estimate it.".to_string(),
                    None => "TSS appears here once date, sport and duration are valid.".to_string(),
                }}
            </p>
            {move || preview.get().and_then(|(_, _, rate)| rate).map(|(rate, held_back)| view! {
                <p class="flag-line"><span class="flag">"implausible"</span>" "
                    {format!("{rate:.0} TSS an hour is more than anyone sustains ({:.0} at most): check the duration, distance and your thresholds. {}", tss::IMPLAUSIBLE_TSS_PER_HOUR, if held_back {
                        "It counts in your fitness and fatigue only once you choose its method under TSS method, or type the TSS."
                    } else {
                        "You chose its method, so it counts."
                    })}
                </p>
            })}
            {move || preview.get().and_then(|(sc, _, _)| sc).map(|sc| view! {
                <details class="how">
                    <summary>"How"</summary>
                    <p>{formula(sc.method)}</p>
                </details>
            })}
            {move || preview.get().and_then(|(_, flag, _)| flag).map(|f| view! { <p><span class="flag">"R3 · not a recovery run"</span>" "{f}</p> })}
            <div class="actions">
                <button type="submit" class="primary">"Save session"</button>
                <button type="button" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}

/// A text input bound to one field of the form, with its message beside it.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] mode: Option<&'static str>,
    field: Field,
    form: RwSignal<SessionForm>,
    errors: RwSignal<FieldErrors>,
    get: fn(&SessionForm) -> String,
    set: fn(&mut SessionForm, String),
) -> impl IntoView {
    let error =
        move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
    let err_id = format!("{id}-error");
    view! {
        <div>
            <label for=id>{label}{hint.map(|h| view! { <span class="muted">{format!(" ({h})")}</span> })}</label>
            <input
                id=id
                type=kind.unwrap_or("text")
                inputmode=mode
                prop:value=move || form.with(get)
                on:input=move |e| {
                    form.update(|f| set(f, event_target_value(&e)));
                    errors.update(|es| es.retain(|(f, _)| *f != field));
                }
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=err_id.clone()
            />
            <p class="field-error" id=err_id>{error}</p>
        </div>
    }
}

fn label(s: &Session) -> String {
    if s.title.is_empty() {
        sport_name(s.sport).to_string()
    } else {
        s.title.clone()
    }
}

pub fn sport_name(s: Sport) -> &'static str {
    match s {
        Sport::Run => "Run",
        Sport::Ride => "Ride",
        Sport::Swim => "Swim",
        Sport::Strength => "Strength",
        Sport::Yoga => "Yoga",
        Sport::Other => "Other",
    }
}

pub fn intent_name(i: Intent) -> &'static str {
    match i {
        Intent::Recovery => "Recovery",
        Intent::Easy => "Easy",
        Intent::Long => "Long",
        Intent::Workout => "Workout",
        Intent::Race => "Race",
        Intent::Strength => "Strength",
        Intent::Other => "Other",
    }
}

pub fn method_name(m: crate::domain::session::TssMethod) -> &'static str {
    use crate::domain::session::TssMethod::*;
    match m {
        Given => "given",
        Power => "from power",
        Pace => "from pace",
        Hr => "from heart rate",
        Swim => "from swim pace",
        Rpe => "from effort (estimate)",
    }
}

/// A method as the choice in the session form names it.
fn method_choice(m: TssMethod) -> &'static str {
    match m {
        TssMethod::Given => "The TSS typed above",
        TssMethod::Power => "Power (FTP)",
        TssMethod::Pace => "Pace (threshold pace)",
        TssMethod::Hr => "Heart rate (LTHR)",
        TssMethod::Swim => "Swim pace (CSS)",
        TssMethod::Rpe => "Effort (RPE)",
    }
}

/// One line on how a method turns the data into TSS (docs/domain.md §1).
fn formula(m: crate::domain::session::TssMethod) -> &'static str {
    use crate::domain::session::TssMethod::*;
    match m {
        Given => "The TSS you entered, as given by a device or coach.",
        Power => "Power: IF = normalized power ÷ FTP; TSS = hours × IF² × 100 (Coggan).",
        Pace => "Pace: IF = threshold pace ÷ session pace (as speeds); rTSS = hours × IF² × 100.",
        Hr => "Heart rate: IF ≈ average HR ÷ threshold HR (LTHR); hrTSS = hours × IF² × 100. An approximation.",
        Swim => "Swim: IF = threshold swim pace (CSS) ÷ session pace; sTSS = hours × IF³ × 100.",
        Rpe => "Effort: RPE is mapped to an IF (1–2 recovery … 9–10 race), then hours × IF² × 100. An estimate; strength and yoga have lower ceilings.",
    }
}

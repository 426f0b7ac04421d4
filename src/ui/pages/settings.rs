//! Settings: profile, thresholds with a zones preview, units, training-load constants, theme.
//!
//! Each field saves on its own when it changes and is valid; an invalid entry keeps what
//! was typed and says what is wrong beside the field. A change of thresholds that would
//! re-score sessions is previewed first (docs/domain.md §6): Apply or Cancel, then Undo.

use leptos::prelude::*;

use crate::domain::date::Day;
use crate::domain::estimates;
use crate::domain::profile::{Athlete, FitnessOn, PmcUpdate, Profile, Sex};
use crate::domain::quantity::{Bpm, Metres, Watts};
use crate::domain::rescoring::Preview;
use crate::domain::thresholds::{ThresholdChange, Thresholds};
use crate::domain::units::Units;
use crate::domain::{pmc, units, zones};
use crate::store::data::Theme;
use crate::ui::state::{use_state, AppState};
use crate::ui::widgets::field::{bpm, number, optional, whole, Field, Select};

/// Sets `data-theme` on `<html>`; `System` removes it so the CSS follows the OS setting.
pub fn apply_theme(theme: Theme) {
    let Some(root) = document().document_element() else {
        return;
    };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        Theme::Light => root.set_attribute("data-theme", "light"),
        Theme::Dark => root.set_attribute("data-theme", "dark"),
    };
}

/// Saves a new profile (rescoring sessions if thresholds changed).
fn save_profile(state: AppState, edit: impl FnOnce(&mut Profile)) -> bool {
    state.change(|d| {
        let mut p = d.profile.clone();
        edit(&mut p);
        d.set_profile(p);
    })
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    let profile = Memo::new(move |_| state.with_profile(Profile::clone));
    let unit = move || profile.with(|p| p.units);

    let zones_preview = move || {
        let p = profile.get();
        let zones = zones::hr_zones(&p);
        let pace = zones::recovery_pace(&p);
        view! {
            <div class="card zones" aria-live="polite">
                <h3>"Heart-rate zones"</h3>
                {match zones {
                    Some((basis, zs)) => view! {
                        <p class="muted">{format!("Computed {}.", basis.label())}</p>
                        <table>
                            <caption class="visually-hidden">"Heart-rate zones in bpm"</caption>
                            <thead><tr><th scope="col">"Zone"</th><th scope="col">"From"</th><th scope="col">"To"</th></tr></thead>
                            <tbody>
                                {zs.into_iter().map(|z| view! {
                                    <tr>
                                        <td>{z.name}</td>
                                        <td>{z.low.map(|b| format!("{} bpm", b.get())).unwrap_or_else(|| "—".into())}</td>
                                        <td>{z.high.map(|b| format!("{} bpm", b.get())).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    None => view! { <p class="muted">"Enter your threshold heart rate (LTHR), or your max and resting heart rate, to see your zones and a heart-rate ceiling for recovery runs."</p> }.into_any(),
                }}
                <p>{match pace {
                    Some(r) => format!(
                        "Recovery-run pace: {}–{} {}, no faster.",
                        units::pace_number(r.fastest, p.units),
                        units::pace_number(r.slowest, p.units),
                        if p.units == Units::Imperial { "/mi" } else { "/km" }
                    ),
                    None => "Enter a threshold pace to get a recovery-run pace range.".into(),
                }}</p>
            </div>
        }
    };

    let per = move || {
        if unit() == Units::Imperial {
            "mi"
        } else {
            "km"
        }
    };
    let convention_note = move || {
        match profile.with(|p| p.pmc_update) {
        PmcUpdate::Exponential => "k = 1 − e^(−1/τ): the exact decay with time constant τ (the default).".to_string(),
        PmcUpdate::Reciprocal => "k = 1/τ, as TrainingPeaks publishes it: matches their numbers (ATL differs by about 7 %).".to_string(),
    }
    };

    view! {
        <section class="page settings">
            <h1 tabindex="-1">"Settings"</h1>
            <p class="sub">"Changes save as you make them. Thresholds drive the TSS estimates, zones and advice."</p>

            <div class="card">
                <h2>"Units and theme"</h2>
                <div class="grid2">
                    <Select id="units" label="Units"
                        options=vec![("metric", "Kilometres (min/km)"), ("imperial", "Miles (min/mi)")]
                        current=Signal::derive(move || if unit() == Units::Imperial { "imperial".to_string() } else { "metric".to_string() })
                        on_pick=move |v: String| { save_profile(state, |p| p.units = if v == "imperial" { Units::Imperial } else { Units::Metric }); } />
                    <Select id="theme" label="Theme"
                        options=vec![("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")]
                        current=Signal::derive(move || match state.with_settings(|s| s.theme) { Theme::System => "system".to_string(), Theme::Light => "light".to_string(), Theme::Dark => "dark".to_string() })
                        on_pick=move |v: String| {
                            let t = match v.as_str() { "light" => Theme::Light, "dark" => Theme::Dark, _ => Theme::System };
                            if state.change(|d| d.settings.theme = t) {
                                apply_theme(t);
                            }
                        } />
                </div>
            </div>

            <ThresholdsCard />
            {zones_preview}

            <div class="card">
                <h2>"Profile"</h2>
                <div class="grid2">
                    <Select id="sex" label="Sex (optional)"
                        options=vec![("", "Not set"), ("female", "Female"), ("male", "Male")]
                        current=Signal::derive(move || match profile.with(|p| p.sex) { Some(Sex::Female) => "female".to_string(), Some(Sex::Male) => "male".to_string(), None => String::new() })
                        on_pick=move |v: String| { save_profile(state, |p| p.sex = match v.as_str() { "female" => Some(Sex::Female), "male" => Some(Sex::Male), _ => None }); } />
                    <Select id="athlete" label="I am a"
                        options=vec![("runner", "Runner"), ("ultrarunner", "Ultrarunner"), ("triathlete", "Triathlete"), ("duathlete", "Duathlete")]
                        current=Signal::derive(move || match profile.with(|p| p.athlete) { Athlete::Runner => "runner".to_string(), Athlete::Ultrarunner => "ultrarunner".to_string(), Athlete::Triathlete => "triathlete".to_string(), Athlete::Duathlete => "duathlete".to_string() })
                        on_pick=move |v: String| { save_profile(state, |p| p.athlete = match v.as_str() { "ultrarunner" => Athlete::Ultrarunner, "triathlete" => Athlete::Triathlete, "duathlete" => Athlete::Duathlete, _ => Athlete::Runner }); } />
                    <Field id="born" label="Birth year" inputmode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.birth_year.map(|y| y.to_string()).unwrap_or_default()))
                        on_commit=move |t: String| {
                            let this_year = i64::from(state.today.get_untracked().year());
                            let v = optional(&t, |s| whole(s, 1900, this_year, "a year").map(|y| y as i32))?;
                            save_profile(state, |p| p.birth_year = v);
                            Ok(())
                        } />
                    <Field id="weight" label="Weight (kg)" inputmode="decimal"
                        value=Signal::derive(move || profile.with(|p| p.weight_kg.map(|w| format!("{w}")).unwrap_or_default()))
                        on_commit=move |t: String| { let v = optional(&t, |s| number(s, 25.0, 250.0, "kg"))?; save_profile(state, |p| p.weight_kg = v); Ok(()) } />
                    <Field id="height" label="Height (cm)" inputmode="decimal"
                        value=Signal::derive(move || profile.with(|p| p.height_cm.map(|h| format!("{h}")).unwrap_or_default()))
                        on_commit=move |t: String| { let v = optional(&t, |s| number(s, 100.0, 250.0, "cm"))?; save_profile(state, |p| p.height_cm = v); Ok(()) } />
                    <Field id="volume" label=Signal::derive(move || format!("Weekly running volume ({})", per())) inputmode="decimal"
                        hint="used until your log covers 28 days"
                        value=Signal::derive(move || profile.with(|p| p.weekly_volume.map(|m| volume_text(m, p.units)).unwrap_or_default()))
                        on_commit=move |t: String| {
                            let u = unit();
                            let v: Option<Metres> = optional(&t, |s| units::parse_distance(s, u))?;
                            save_profile(state, |p| p.weekly_volume = v);
                            Ok(())
                        } />
                </div>
                <div class="check">
                    <input id="injury" type="checkbox" prop:checked=move || profile.with(|p| p.injury_prone)
                        on:change=move |ev| { let v = event_target_checked(&ev); save_profile(state, |p| p.injury_prone = v); } />
                    <label for="injury">"I’m injury-prone (recovery runs give way to rides or yoga)"</label>
                </div>
            </div>

            <div class="card">
                <h2>"Fitness and fatigue"</h2>
                <p class="muted">"CTL and ATL are exponentially weighted averages of daily TSS. Change these only to match another tool’s numbers."</p>
                <div class="grid2">
                    <Field id="ctl-days" label="Fitness (CTL) time constant (days)" inputmode="decimal"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.ctl_time_constant_days)))
                        on_commit=move |t: String| { let v = number(&t, 1.0, 400.0, "days")?; save_profile(state, |p| p.ctl_time_constant_days = v); Ok(()) } />
                    <Field id="atl-days" label="Fatigue (ATL) time constant (days)" inputmode="decimal"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.atl_time_constant_days)))
                        on_commit=move |t: String| { let v = number(&t, 1.0, 400.0, "days")?; save_profile(state, |p| p.atl_time_constant_days = v); Ok(()) } />
                    <Field id="start-ctl" label="Starting CTL" inputmode="decimal" hint="from another tool"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.start_ctl)))
                        on_commit=move |t: String| { let v = number(&t, 0.0, 300.0, "")?; save_profile(state, |p| p.start_ctl = v); Ok(()) } />
                    <Field id="start-atl" label="Starting ATL" inputmode="decimal" hint="from another tool"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.start_atl)))
                        on_commit=move |t: String| { let v = number(&t, 0.0, 300.0, "")?; save_profile(state, |p| p.start_atl = v); Ok(()) } />
                </div>
                <Select id="update" label="Update convention"
                    options=vec![("exponential", "Exponential: 1 − e^(−1/τ)"), ("reciprocal", "TrainingPeaks: 1/τ")]
                    current=Signal::derive(move || if profile.with(|p| p.pmc_update) == PmcUpdate::Reciprocal { "reciprocal".to_string() } else { "exponential".to_string() })
                    on_pick=move |v: String| { save_profile(state, |p| p.pmc_update = if v == "reciprocal" { PmcUpdate::Reciprocal } else { PmcUpdate::Exponential }); }
                    note=Signal::derive(convention_note) />
                <FitnessOnFields />
            </div>
        </section>
    }
}

/// Fitness and fatigue on a date (docs/domain.md §2.1): the date and both values are typed
/// field by field; once all three are valid they are saved together, and Clear removes them.
#[component]
fn FitnessOnFields() -> impl IntoView {
    let state = use_state();
    let stored = Memo::new(move |_| state.with_profile(|p| p.fitness_on));
    // What is typed so far; follows the stored value when it changes (an import, a clear).
    let date = RwSignal::new(None::<Day>);
    let ctl = RwSignal::new(None::<f64>);
    let atl = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        let f = stored.get();
        date.set(f.map(|f| f.date));
        ctl.set(f.map(FitnessOn::ctl));
        atl.set(f.map(FitnessOn::atl));
    });
    let save = move || {
        if let (Some(d), Some(c), Some(a)) = (
            date.get_untracked(),
            ctl.get_untracked(),
            atl.get_untracked(),
        ) {
            let f = FitnessOn::new(d, c, a);
            if f != stored.get_untracked() {
                save_profile(state, |p| p.fitness_on = f);
            }
        }
    };
    let value = |v: RwSignal<Option<f64>>| {
        Signal::derive(move || v.get().map(|x| x.to_string()).unwrap_or_default())
    };
    let load = move |t: &str, into: RwSignal<Option<f64>>| {
        let v = optional(t, |s| number(s, 0.0, FitnessOn::MAX, ""))?;
        into.set(v);
        save();
        Ok(())
    };
    let note = move || match stored.get() {
        Some(f) => format!(
            "Set: CTL {} and ATL {} at the end of {}; the days after go on from them.",
            f.ctl(),
            f.atl(),
            f.date
        ),
        None => "Not set. Enter all three to set them.".into(),
    };
    view! {
        <h3>"Fitness on a date"</h3>
        <p class="muted">"CTL and ATL at the end of a day, read off another tool (its sessions included). They replace the estimate from your weekly volume."</p>
        <div class="grid2">
            <Field id="fitness-date" label="Date of fitness and fatigue" kind="date"
                value=Signal::derive(move || date.get().map(|d| d.to_string()).unwrap_or_default())
                on_commit=move |t: String| {
                    let d = optional(&t, |s| s.parse::<Day>().map_err(|e| e.to_string()))?;
                    if d.is_some_and(|d| d > state.today.get_untracked()) {
                        return Err("Enter today or an earlier date.".into());
                    }
                    date.set(d);
                    save();
                    Ok(())
                } />
            <Field id="fitness-ctl" label="CTL on that date" inputmode="decimal"
                value=value(ctl)
                on_commit=move |t: String| load(&t, ctl) />
            <Field id="fitness-atl" label="ATL on that date" inputmode="decimal"
                value=value(atl)
                on_commit=move |t: String| load(&t, atl) />
        </div>
        <p class="muted" data-testid="fitness-on" aria-live="polite">{note}</p>
        <button type="button" disabled=move || stored.get().is_none()
            on:click=move |_| { save_profile(state, |p| p.fitness_on = None); }>"Clear fitness on a date"</button>
    }
}

/// A weekly volume for its field: one decimal is plenty (`39.8`, `64`).
fn volume_text(m: Metres, u: Units) -> String {
    let v = match u {
        Units::Metric => m.get() / 1000.0,
        Units::Imperial => m.get() / units::METRES_PER_MILE,
    };
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Which set a change of threshold makes or corrects.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    /// A new set from the chosen date (today by default): nothing before it changes.
    New,
    /// A correction of the set from that day (`None`: the one set of a profile without
    /// dated sets).
    Fix(Option<Day>),
}

/// A change waiting for Apply or Cancel: the profile it makes and what it would re-score.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    next: Profile,
    preview: Preview,
}

/// The thresholds: today's set in six fields, where a change goes (a new set from a date or
/// a correction of a set), the list of sets, the preview before anything is re-scored, and
/// Undo after.
#[component]
fn ThresholdsCard() -> impl IntoView {
    let state = use_state();
    let profile = Memo::new(move |_| state.with_profile(Profile::clone));
    let unit = move || profile.with(|p| p.units);
    // A first set applies to every day: thresholds typed into a profile that has none score
    // its whole history (issue #31). Later, a change starts a new set from today.
    let first = state.with_profile_untracked(|p| p.current_thresholds().is_empty());
    let target = RwSignal::new(if first {
        Target::Fix(None)
    } else {
        Target::New
    });
    let from = RwSignal::new(state.today.get_untracked());
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    // The profile before the last change applied, for Undo.
    let undo: RwSignal<Option<(Profile, String)>> = RwSignal::new(None);

    // The values of the set a change goes to, as they stand (or would, once applied).
    let shown = Memo::new(move |_| {
        let p = pending
            .with(|x| x.as_ref().map(|x| x.next.clone()))
            .unwrap_or_else(|| profile.get());
        match target.get() {
            Target::New => p.in_force(from.get()).values,
            Target::Fix(Some(d)) => p.in_force(d).values,
            Target::Fix(None) => p.current_thresholds(),
        }
    });

    let apply = move |next: Profile, what: String| {
        let before = state.with_profile_untracked(Profile::clone);
        if state.change(|d| d.set_profile(next)) {
            pending.set(None);
            undo.set(Some((before, what)));
        }
    };
    // Fields changed: the change they make, previewed unless it re-scores nothing. Fields
    // changed while a preview is open join it: one change, one preview.
    let propose = move |edit: &dyn Fn(&mut Thresholds)| {
        let today = state.today.get_untracked();
        let mut values = shown.get_untracked();
        edit(&mut values);
        let change = match target.get_untracked() {
            Target::New => ThresholdChange::NewSet {
                since: from.get_untracked(),
                values,
            },
            Target::Fix(since) => ThresholdChange::Correct { since, values },
        };
        let base = pending
            .with_untracked(|x| x.as_ref().map(|x| x.next.clone()))
            .unwrap_or_else(|| state.with_profile_untracked(Profile::clone));
        let (next, preview) = state.whole().with_untracked(|d| {
            let first = pmc::first_day(&d.sessions).map_or(today, |f| f.min(today));
            let next = base.with_change(&change, first);
            let preview = d.threshold_preview(&next, today);
            (next, preview)
        });
        if preview.changed == 0 {
            apply(
                next,
                "Thresholds saved; no session needed re-scoring.".into(),
            );
        } else {
            pending.set(Some(Pending { next, preview }));
        }
    };
    let remove = move |since: Day| {
        let today = state.today.get_untracked();
        let (next, preview) = state.whole().with_untracked(|d| {
            let next = d.profile_after(&ThresholdChange::Remove { since }, today);
            let preview = d.threshold_preview(&next, today);
            (next, preview)
        });
        target.set(Target::New);
        if preview.changed == 0 {
            apply(next, format!("The set from {since} is removed."));
        } else {
            pending.set(Some(Pending { next, preview }));
        }
    };

    let per = move || {
        if unit() == Units::Imperial {
            "mi"
        } else {
            "km"
        }
    };
    let sets = Memo::new(move |_| profile.with(|p| p.resolved_sets()));
    let target_value = move || match target.get() {
        Target::New => "new".to_string(),
        Target::Fix(None) => "fix".to_string(),
        Target::Fix(Some(d)) => format!("fix:{d}"),
    };
    let pick_target = move |v: String| {
        target.set(match v.strip_prefix("fix:") {
            Some(d) => Target::Fix(d.parse().ok()),
            None if v == "fix" => Target::Fix(None),
            None => Target::New,
        })
    };

    let preview_view = move || {
        pending.get().map(|Pending { preview, next }| {
            let n = preview.changed;
            let tsb = |d: Option<crate::domain::pmc::PmcDay>| d.map(|d| (d.ctl, d.atl, d.tsb));
            let today_line = match (tsb(preview.today_before), tsb(preview.today_after)) {
                (Some(b), Some(a)) => format!(
                    "Today: CTL {:.1} → {:.1}, ATL {:.1} → {:.1}, TSB {:.1} → {:.1}.",
                    b.0, a.0, b.1, a.1, b.2, a.2
                ),
                _ => "Today's CTL, ATL and TSB stay as they are.".to_string(),
            };
            view! {
                <div class="card threshold-preview" data-testid="threshold-preview" data-changed=n.to_string() role="region" aria-label="Preview of the change">
                    <h3>"Before anything is re-scored"</h3>
                    <p data-testid="preview-count">{if n == 1 { "1 session changes.".to_string() } else { format!("{n} sessions change.") }}</p>
                    <p class="muted">"The largest changes:"</p>
                    <ul data-testid="preview-largest">
                        {preview.largest.iter().map(|c| {
                            let name = if c.title.is_empty() { "session".to_string() } else { c.title.clone() };
                            let t = |x: Option<crate::domain::quantity::Tss>| x.map(|t| format!("{:.0}", t.get())).unwrap_or_else(|| "—".into());
                            view! { <li>{format!("{} {}: {} → {} TSS", c.date, name, t(c.before), t(c.after))}</li> }
                        }).collect_view()}
                    </ul>
                    <p data-testid="preview-today">{today_line}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| apply(next.clone(), format!("Thresholds changed; {n} sessions re-scored."))>"Apply"</button>
                        <button type="button" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                </div>
            }
        })
    };

    let restore = move |_| {
        if let Some((before, _)) = undo.get_untracked() {
            if state.change(|d| d.set_profile(before)) {
                undo.set(None);
                pending.set(None);
            }
        }
    };

    view! {
        <div class="card">
            <h2>"Thresholds"</h2>
            <p class="muted">"Each session is scored with the thresholds in force on its day. A change starts a new set from a date (earlier sessions keep their TSS) or corrects a set (its sessions are re-scored); you see what it changes before anything is."</p>
            <Suggested use_them=move |values: Thresholds| {
                // A profile without dated sets takes them for every day (its history is
                // scored with them); one with sets, as a new set from today.
                if sets.with_untracked(|s| s.is_empty()) {
                    target.set(Target::Fix(None));
                } else {
                    target.set(Target::New);
                    from.set(state.today.get_untracked());
                }
                propose(&|t| {
                    t.lthr = values.lthr.or(t.lthr);
                    t.max_hr = values.max_hr.or(t.max_hr);
                    t.resting_hr = values.resting_hr.or(t.resting_hr);
                    t.threshold_pace = values.threshold_pace.or(t.threshold_pace);
                    t.ftp = values.ftp.or(t.ftp);
                    t.css = values.css.or(t.css);
                });
            } />
            <div class="grid2">
                <div class="field">
                    <label for="t-target">"A change is"</label>
                    <select id="t-target" on:change=move |ev| pick_target(event_target_value(&ev))>
                        <option value="new" prop:selected=move || target_value() == "new">"a new set from a date"</option>
                        {move || {
                            let list = sets.get();
                            if list.is_empty() {
                                view! { <option value="fix" prop:selected=move || target_value() == "fix">"a correction for every day"</option> }.into_any()
                            } else {
                                list.into_iter().map(|(d, _)| {
                                    let v = format!("fix:{d}");
                                    let v2 = v.clone();
                                    view! { <option value=v prop:selected=move || target_value() == v2>{format!("a correction of the set from {d}")}</option> }
                                }).collect_view().into_any()
                            }
                        }}
                    </select>
                </div>
                <p class="muted history-note" data-testid="change-note">{move || match target.get() {
                    Target::New => format!("Sessions from {} on are scored with these values; earlier ones keep their TSS.", from.get()),
                    Target::Fix(None) => "Every session, past and future, is scored with these values.".to_string(),
                    Target::Fix(Some(d)) => format!("Every session of the set from {d} is re-scored with these values."),
                }}</p>
                <Show when=move || target.get() == Target::New>
                    <Field id="t-from" label="From" kind="date"
                        value=Signal::derive(move || from.get().to_string())
                        on_commit=move |t: String| {
                            let d: Day = t.parse().map_err(|e: crate::domain::date::DateError| e.to_string())?;
                            if d > state.today.get_untracked() {
                                return Err("A set starts today or earlier.".into());
                            }
                            from.set(d);
                            Ok(())
                        } />
                </Show>
            </div>
            <div class="grid2">
                <Field id="lthr" label="Threshold heart rate, LTHR (bpm)" inputmode="numeric"
                    value=Signal::derive(move || shown.with(|p| p.lthr.map(|b| b.get().to_string()).unwrap_or_default()))
                    on_commit=move |t: String| { let v = bpm(&t)?; propose(&|p| p.lthr = v); Ok(()) } />
                <Field id="maxhr" label="Max heart rate (bpm)" inputmode="numeric"
                    value=Signal::derive(move || shown.with(|p| p.max_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                    on_commit=move |t: String| { let v = bpm(&t)?; propose(&|p| p.max_hr = v); Ok(()) } />
                <Field id="resthr" label="Resting heart rate (bpm)" inputmode="numeric"
                    value=Signal::derive(move || shown.with(|p| p.resting_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                    on_commit=move |t: String| { let v = bpm(&t)?; propose(&|p| p.resting_hr = v); Ok(()) } />
                <Field id="tpace" label=Signal::derive(move || format!("Threshold pace (min/{})", per())) hint="e.g. 4:15"
                    value=Signal::derive(move || { let u = unit(); shown.with(|p| p.threshold_pace.map(|v| units::pace_number(v, u)).unwrap_or_default()) })
                    on_commit=move |t: String| {
                        let u = unit();
                        let v = optional(&t, |s| units::parse_pace(s, u))?;
                        propose(&|p| p.threshold_pace = v);
                        Ok(())
                    } />
                <Field id="ftp" label="Cycling FTP (W)" inputmode="numeric"
                    value=Signal::derive(move || shown.with(|p| p.ftp.map(|w| format!("{:.0}", w.get())).unwrap_or_default()))
                    on_commit=move |t: String| {
                        let v = optional(&t, |s| {
                            let w = number(s, 30.0, 2000.0, "W")?;
                            Watts::new(w).ok_or_else(|| "Enter a number from 30 W to 2000 W.".to_string())
                        })?;
                        propose(&|p| p.ftp = v);
                        Ok(())
                    } />
                <Field id="css" label="Swim threshold pace, CSS (min/100 m)" hint="e.g. 1:35"
                    value=Signal::derive(move || shown.with(|p| p.css.map(|c| units::mmss(c.get())).unwrap_or_default()))
                    on_commit=move |t: String| { let v = optional(&t, units::parse_swim_pace)?; propose(&|p| p.css = v); Ok(()) } />
            </div>
            {preview_view}
            <div role="status" class="undo">
                {move || undo.get().map(|(_, what)| view! {
                    <p>{what}" "<button type="button" on:click=restore>"Undo"</button></p>
                })}
            </div>
            {move || {
                let list = sets.get();
                (!list.is_empty()).then(|| {
                    let u = unit();
                    let many = list.len() > 1;
                    view! {
                        <table class="threshold-sets" data-testid="threshold-sets">
                            <caption>"Threshold sets"</caption>
                            <thead><tr>
                                <th scope="col">"From"</th><th scope="col">"LTHR"</th><th scope="col">"Max HR"</th><th scope="col">"Resting HR"</th>
                                <th scope="col">"Pace"</th><th scope="col">"FTP"</th><th scope="col">"CSS"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|(d, t)| {
                                    let bpm_text = |b: Option<crate::domain::quantity::Bpm>| b.map(|b| format!("{} bpm", b.get())).unwrap_or_else(|| "—".into());
                                    view! {
                                        <tr>
                                            <th scope="row">{d.to_string()}</th>
                                            <td data-label="LTHR">{bpm_text(t.lthr)}</td>
                                            <td data-label="Max HR">{bpm_text(t.max_hr)}</td>
                                            <td data-label="Resting HR">{bpm_text(t.resting_hr)}</td>
                                            <td data-label="Pace">{t.threshold_pace.map(|p| units::format_pace(p, u)).unwrap_or_else(|| "—".into())}</td>
                                            <td data-label="FTP">{t.ftp.map(|w| format!("{:.0} W", w.get())).unwrap_or_else(|| "—".into())}</td>
                                            <td data-label="CSS">{t.css.map(|c| format!("{} /100 m", units::mmss(c.get()))).unwrap_or_else(|| "—".into())}</td>
                                            <td class="set-actions">
                                                <button type="button" aria-label=format!("Correct the set from {d}") on:click=move |_| target.set(Target::Fix(Some(d)))>"Correct"</button>
                                                {many.then(|| view! {
                                                    <button type="button" aria-label=format!("Remove the set from {d}") on:click=move |_| remove(d)>"Remove"</button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })
            }}
        </div>
    }
}

/// "Suggested from your files" (issue #31): the watch's own settings and the estimates from
/// the recordings, each with its evidence and date, and `Use these thresholds`, which makes
/// them a change of thresholds (previewed before anything is re-scored).
#[component]
fn Suggested(use_them: impl Fn(Thresholds) + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_state();
    let data = state.whole();
    let found = Memo::new(move |_| {
        let today = state.today.get();
        data.with(|d| estimates::suggest(&d.sessions, &d.wellness, today))
    });
    move || {
        let s = found.get();
        let p = s.proposal();
        if p.is_empty() {
            return None;
        }
        let u = state.with_profile(|p| p.units);
        let whole = |v: Option<f64>| v.map(|v| format!("{:.0}", v.round()));
        let bpm = |b: Option<Bpm>| whole(b.map(|b| f64::from(b.get())));
        let lines = vec![
            line(
                "Threshold heart rate (LTHR)",
                s.watch
                    .lthr
                    .as_ref()
                    .map(|d| (format!("{} bpm", d.value.get()), d.date)),
                &s.lthr,
                |b| format!("{} bpm", b.get()),
                u,
            ),
            line(
                "Max heart rate",
                s.watch
                    .max_hr
                    .as_ref()
                    .map(|d| (format!("{} bpm", d.value.get()), d.date)),
                &s.max_hr,
                |b| format!("{} bpm", b.get()),
                u,
            ),
            line(
                "Resting heart rate",
                s.watch
                    .resting_hr
                    .as_ref()
                    .map(|d| (format!("{} bpm", d.value.get()), d.date)),
                &s.resting_hr,
                |b| format!("{} bpm", b.get()),
                u,
            ),
            line(
                "Threshold pace",
                None,
                &s.threshold_pace,
                |p| units::format_pace(p, u),
                u,
            ),
            line(
                "Cycling FTP",
                s.watch
                    .ftp
                    .as_ref()
                    .map(|d| (format!("{:.0} W", d.value.get()), d.date)),
                &s.ftp,
                |w| format!("{:.0} W", w.get()),
                u,
            ),
            line(
                "Swim threshold pace (CSS)",
                None,
                &s.css,
                |c| format!("{} /100 m", units::mmss(c.get())),
                u,
            ),
        ];
        Some(view! {
            <section class="card suggestion" data-testid="threshold-suggestion"
                data-lthr-bpm=bpm(p.lthr)
                data-max-hr-bpm=bpm(p.max_hr)
                data-resting-hr-bpm=bpm(p.resting_hr)
                data-threshold-pace-s-per-km=p.threshold_pace.map(|v| format!("{:.1}", v.get()))
                data-ftp-w=whole(p.ftp.map(|w| w.get()))
                data-css-s-per-100m=whole(p.css.map(|c| c.get()))>
                <h3>"Suggested from your files"</h3>
                <p class="muted">"Your watch's own settings where a file carries them, else estimates from your recordings (docs: how each is found). Nothing changes until you use them."</p>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                <button type="button" class="primary" on:click=move |_| use_them(p)>"Use these thresholds"</button>
            </section>
        })
    }
}

/// One threshold's line: the watch's setting with its date, the estimate with its method,
/// evidence and date, or what is missing.
fn line<T: Copy>(
    name: &str,
    watch: Option<(String, Day)>,
    estimate: &estimates::Suggestion<T>,
    show: impl Fn(T) -> String,
    u: Units,
) -> String {
    let est = match estimate {
        estimates::Suggestion::Found(e) => {
            let evidence = e
                .evidence
                .iter()
                .take(2)
                .map(|v| format!("{} {}: {}", v.date, v.title, v.stretch.describe(u)))
                .collect::<Vec<_>>()
                .join("; ");
            Some(format!(
                "estimated {} by {} ({evidence})",
                show(e.value),
                e.method.label()
            ))
        }
        estimates::Suggestion::Missing(why) => {
            (watch.is_none()).then(|| format!("not found: {why}"))
        }
    };
    match (watch, est) {
        (Some((v, d)), Some(e)) => {
            format!("{name}: {v}, your watch's setting (a file of {d}); {e}.")
        }
        (Some((v, d)), None) => format!("{name}: {v}, your watch's setting (a file of {d})."),
        (None, Some(e)) => format!("{name}: {e}."),
        (None, None) => format!("{name}: not found."),
    }
}

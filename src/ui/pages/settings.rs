//! Settings: profile, thresholds with a zones preview, units, training-load constants, theme.
//!
//! Each field saves on its own when it changes and is valid; an invalid entry keeps what
//! was typed and says what is wrong beside the field.

use leptos::prelude::*;

use crate::domain::profile::{Athlete, PmcUpdate, Profile, Sex, Units};
use crate::domain::quantity::{Bpm, Metres, Watts};
use crate::domain::{units, zones};
use crate::store::data::Theme;
use crate::ui::state::{use_state, AppState};

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
    let profile = Memo::new(move |_| state.data.with(|d| d.profile.clone()));
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

    view! {
        <section class="page settings">
            <h1 tabindex="-1">"Settings"</h1>
            <p class="sub">"Changes save as you make them. Thresholds drive the TSS estimates, zones and advice."</p>

            <div class="card">
                <h2>"Units and theme"</h2>
                <Choice id="units" label="Units"
                    options=vec![("metric", "Kilometres (min/km)"), ("imperial", "Miles (min/mi)")]
                    current=Signal::derive(move || if unit() == Units::Imperial { "imperial".into() } else { "metric".into() })
                    on_pick=move |v: String| { save_profile(state, |p| p.units = if v == "imperial" { Units::Imperial } else { Units::Metric }); } />
                <Choice id="theme" label="Theme"
                    options=vec![("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")]
                    current=Signal::derive(move || match state.data.with(|d| d.settings.theme) { Theme::System => "system".into(), Theme::Light => "light".into(), Theme::Dark => "dark".into() })
                    on_pick=move |v: String| {
                        let t = match v.as_str() { "light" => Theme::Light, "dark" => Theme::Dark, _ => Theme::System };
                        state.change(|d| d.settings.theme = t);
                    } />
            </div>

            <div class="card">
                <h2>"Thresholds"</h2>
                <div class="grid2">
                    <Text id="lthr" label="Threshold heart rate, LTHR (bpm)" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.lthr.map(|b| b.get().to_string()).unwrap_or_default()))
                        commit=move |t: String| { let v = bpm(&t)?; save_profile(state, |p| p.lthr = v); Ok(()) } />
                    <Text id="maxhr" label="Max heart rate (bpm)" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.max_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                        commit=move |t: String| { let v = bpm(&t)?; save_profile(state, |p| p.max_hr = v); Ok(()) } />
                    <Text id="resthr" label="Resting heart rate (bpm)" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.resting_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                        commit=move |t: String| { let v = bpm(&t)?; save_profile(state, |p| p.resting_hr = v); Ok(()) } />
                    <Text id="tpace" label=Signal::derive(move || format!("Threshold pace (min/{})", if unit() == Units::Imperial { "mi" } else { "km" })) mode="text" hint="e.g. 4:15"
                        value=Signal::derive(move || profile.with(|p| p.threshold_pace.map(|v| units::pace_number(v, p.units)).unwrap_or_default()))
                        commit=move |t: String| {
                            let u = unit();
                            let v = optional(&t, |s| units::parse_pace(s, u))?;
                            save_profile(state, |p| p.threshold_pace = v);
                            Ok(())
                        } />
                    <Text id="ftp" label="Cycling FTP (W)" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.ftp.map(|w| format!("{:.0}", w.get())).unwrap_or_default()))
                        commit=move |t: String| {
                            let v = optional(&t, |s| number(s, 30.0, 2000.0, "W").and_then(|x| Watts::new(x).ok_or_else(|| "Enter 30 to 2000 W.".into())))?;
                            save_profile(state, |p| p.ftp = v);
                            Ok(())
                        } />
                    <Text id="css" label="Swim threshold pace, CSS (min/100 m)" mode="text" hint="e.g. 1:35"
                        value=Signal::derive(move || profile.with(|p| p.css.map(|c| units::mmss(c.get())).unwrap_or_default()))
                        commit=move |t: String| { let v = optional(&t, units::parse_swim_pace)?; save_profile(state, |p| p.css = v); Ok(()) } />
                </div>
                {zones_preview}
            </div>

            <div class="card">
                <h2>"Profile"</h2>
                <div class="grid2">
                    <Choice id="sex" label="Sex (optional)"
                        options=vec![("", "Not set"), ("female", "Female"), ("male", "Male")]
                        current=Signal::derive(move || match profile.with(|p| p.sex) { Some(Sex::Female) => "female".into(), Some(Sex::Male) => "male".into(), None => String::new() })
                        on_pick=move |v: String| { save_profile(state, |p| p.sex = match v.as_str() { "female" => Some(Sex::Female), "male" => Some(Sex::Male), _ => None }); } />
                    <Choice id="athlete" label="I am a"
                        options=vec![("runner", "Runner"), ("ultrarunner", "Ultrarunner"), ("triathlete", "Triathlete"), ("duathlete", "Duathlete")]
                        current=Signal::derive(move || match profile.with(|p| p.athlete) { Athlete::Runner => "runner".into(), Athlete::Ultrarunner => "ultrarunner".into(), Athlete::Triathlete => "triathlete".into(), Athlete::Duathlete => "duathlete".into() })
                        on_pick=move |v: String| { save_profile(state, |p| p.athlete = match v.as_str() { "ultrarunner" => Athlete::Ultrarunner, "triathlete" => Athlete::Triathlete, "duathlete" => Athlete::Duathlete, _ => Athlete::Runner }); } />
                    <Text id="born" label="Birth year" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.birth_year.map(|y| y.to_string()).unwrap_or_default()))
                        commit=move |t: String| {
                            let this_year = state.today.get_untracked().year();
                            let v = optional(&t, |s| number(s, 1900.0, f64::from(this_year), "").map(|y| y as i32))?;
                            save_profile(state, |p| p.birth_year = v);
                            Ok(())
                        } />
                    <Text id="weight" label="Weight (kg)" mode="decimal"
                        value=Signal::derive(move || profile.with(|p| p.weight_kg.map(|w| format!("{w}")).unwrap_or_default()))
                        commit=move |t: String| { let v = optional(&t, |s| number(s, 25.0, 250.0, "kg"))?; save_profile(state, |p| p.weight_kg = v); Ok(()) } />
                    <Text id="height" label="Height (cm)" mode="decimal"
                        value=Signal::derive(move || profile.with(|p| p.height_cm.map(|h| format!("{h}")).unwrap_or_default()))
                        commit=move |t: String| { let v = optional(&t, |s| number(s, 100.0, 250.0, "cm"))?; save_profile(state, |p| p.height_cm = v); Ok(()) } />
                    <Text id="volume" label=Signal::derive(move || format!("Weekly running volume ({})", if unit() == Units::Imperial { "mi" } else { "km" })) mode="decimal"
                        hint="used until your log covers 28 days"
                        value=Signal::derive(move || profile.with(|p| p.weekly_volume.map(|m| units::distance_number(m, p.units)).unwrap_or_default()))
                        commit=move |t: String| {
                            let u = unit();
                            let v: Option<Metres> = optional(&t, |s| units::parse_distance(s, u))?;
                            save_profile(state, |p| p.weekly_volume = v);
                            Ok(())
                        } />
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || profile.with(|p| p.injury_prone)
                        on:change=move |ev| { let v = event_target_checked(&ev); save_profile(state, |p| p.injury_prone = v); } />
                    "I'm injury-prone (recovery runs give way to rides or yoga)"
                </label>
            </div>

            <div class="card">
                <h2>"Fitness and fatigue"</h2>
                <p class="muted">"CTL and ATL are exponentially weighted averages of daily TSS. Change these only to match another tool's numbers."</p>
                <div class="grid2">
                    <Text id="ctl-days" label="Fitness (CTL) time constant (days)" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.ctl_time_constant_days)))
                        commit=move |t: String| { let v = number(&t, 1.0, 400.0, "days")?; save_profile(state, |p| p.ctl_time_constant_days = v); Ok(()) } />
                    <Text id="atl-days" label="Fatigue (ATL) time constant (days)" mode="numeric"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.atl_time_constant_days)))
                        commit=move |t: String| { let v = number(&t, 1.0, 400.0, "days")?; save_profile(state, |p| p.atl_time_constant_days = v); Ok(()) } />
                    <Text id="start-ctl" label="Starting CTL" mode="decimal" hint="from another tool"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.start_ctl)))
                        commit=move |t: String| { let v = number(&t, 0.0, 300.0, "")?; save_profile(state, |p| p.start_ctl = v); Ok(()) } />
                    <Text id="start-atl" label="Starting ATL" mode="decimal" hint="from another tool"
                        value=Signal::derive(move || profile.with(|p| format!("{}", p.start_atl)))
                        commit=move |t: String| { let v = number(&t, 0.0, 300.0, "")?; save_profile(state, |p| p.start_atl = v); Ok(()) } />
                </div>
                <Choice id="update" label="Update convention"
                    options=vec![("exponential", "k = 1 − e^(−1/τ) (default, exact decay)"), ("reciprocal", "k = 1/τ (as TrainingPeaks publishes)")]
                    current=Signal::derive(move || if profile.with(|p| p.pmc_update) == PmcUpdate::Reciprocal { "reciprocal".into() } else { "exponential".into() })
                    on_pick=move |v: String| { save_profile(state, |p| p.pmc_update = if v == "reciprocal" { PmcUpdate::Reciprocal } else { PmcUpdate::Exponential }); } />
            </div>
        </section>
    }
}

/// A labelled text input that commits on change and keeps what was typed when it is invalid.
#[component]
fn Text(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: Signal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    mode: &'static str,
    commit: impl Fn(String) -> Result<(), String> + 'static,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let error = RwSignal::new(None::<String>);
    // The stored value changed elsewhere (another tab, an import): show it unless the
    // field holds an invalid entry the athlete is still fixing.
    Effect::new(move |_| {
        let v = value.get();
        if error.get_untracked().is_none() {
            text.set(v);
        }
    });
    let err_id = format!("{id}-error");
    view! {
        <div>
            <label for=id>{label}{hint.map(|h| view! { <span class="muted">{format!(" ({h})")}</span> })}</label>
            <input id=id type="text" inputmode=mode autocomplete="off"
                prop:value=text
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=err_id.clone()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:change=move |_| match commit(text.get_untracked()) {
                    Ok(()) => error.set(None),
                    Err(e) => error.set(Some(e)),
                } />
            <p class="field-error" id=err_id>{error}</p>
        </div>
    }
}

/// A labelled select.
#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    current: Signal<String>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <div>
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_pick(event_target_value(&ev))>
                {options.into_iter().map(|(v, text)| view! {
                    <option value=v selected=move || current.get() == v>{text}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

fn optional<T>(
    s: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    let s = s.trim();
    if s.is_empty() {
        Ok(None)
    } else {
        parse(s).map(Some)
    }
}

fn number(s: &str, lo: f64, hi: f64, unit: &str) -> Result<f64, String> {
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match s.trim().replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!("Enter a number from {lo}{unit} to {hi}{unit}.")),
    }
}

fn bpm(s: &str) -> Result<Option<Bpm>, String> {
    optional(s, |s| {
        s.parse::<u16>()
            .ok()
            .and_then(Bpm::new)
            .ok_or_else(|| "Enter whole beats per minute, 25 to 250.".to_string())
    })
}

//! Settings: profile, thresholds with a zones preview, units, training-load constants, theme.
//!
//! Each field saves on its own when it changes and is valid; an invalid entry keeps what
//! was typed and says what is wrong beside the field.

use leptos::prelude::*;

use crate::domain::profile::{Athlete, PmcUpdate, Profile, Sex, Units};
use crate::domain::quantity::{Metres, Watts};
use crate::domain::{units, zones};
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
                        current=Signal::derive(move || match state.data.with(|d| d.settings.theme) { Theme::System => "system".to_string(), Theme::Light => "light".to_string(), Theme::Dark => "dark".to_string() })
                        on_pick=move |v: String| {
                            let t = match v.as_str() { "light" => Theme::Light, "dark" => Theme::Dark, _ => Theme::System };
                            if state.change(|d| d.settings.theme = t) {
                                apply_theme(t);
                            }
                        } />
                </div>
            </div>

            <div class="card">
                <h2>"Thresholds"</h2>
                <div class="grid2">
                    <Field id="lthr" label="Threshold heart rate, LTHR (bpm)" inputmode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.lthr.map(|b| b.get().to_string()).unwrap_or_default()))
                        on_commit=move |t: String| { let v = bpm(&t)?; save_profile(state, |p| p.lthr = v); Ok(()) } />
                    <Field id="maxhr" label="Max heart rate (bpm)" inputmode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.max_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                        on_commit=move |t: String| { let v = bpm(&t)?; save_profile(state, |p| p.max_hr = v); Ok(()) } />
                    <Field id="resthr" label="Resting heart rate (bpm)" inputmode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.resting_hr.map(|b| b.get().to_string()).unwrap_or_default()))
                        on_commit=move |t: String| { let v = bpm(&t)?; save_profile(state, |p| p.resting_hr = v); Ok(()) } />
                    <Field id="tpace" label=Signal::derive(move || format!("Threshold pace (min/{})", per())) hint="e.g. 4:15"
                        value=Signal::derive(move || profile.with(|p| p.threshold_pace.map(|v| units::pace_number(v, p.units)).unwrap_or_default()))
                        on_commit=move |t: String| {
                            let u = unit();
                            let v = optional(&t, |s| units::parse_pace(s, u))?;
                            save_profile(state, |p| p.threshold_pace = v);
                            Ok(())
                        } />
                    <Field id="ftp" label="Cycling FTP (W)" inputmode="numeric"
                        value=Signal::derive(move || profile.with(|p| p.ftp.map(|w| format!("{:.0}", w.get())).unwrap_or_default()))
                        on_commit=move |t: String| {
                            let v = optional(&t, |s| {
                                let w = number(s, 30.0, 2000.0, "W")?;
                                Watts::new(w).ok_or_else(|| "Enter a number from 30 W to 2000 W.".to_string())
                            })?;
                            save_profile(state, |p| p.ftp = v);
                            Ok(())
                        } />
                    <Field id="css" label="Swim threshold pace, CSS (min/100 m)" hint="e.g. 1:35"
                        value=Signal::derive(move || profile.with(|p| p.css.map(|c| units::mmss(c.get())).unwrap_or_default()))
                        on_commit=move |t: String| { let v = optional(&t, units::parse_swim_pace)?; save_profile(state, |p| p.css = v); Ok(()) } />
                </div>
                {zones_preview}
            </div>

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
            </div>
        </section>
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

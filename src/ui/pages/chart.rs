//! Chart: fitness (CTL), fatigue (ATL) and form (TSB) with daily TSS, drawn as SVG by hand
//! (no chart crate: a few hundred lines of SVG cost far fewer wasm bytes than a library).

use leptos::prelude::*;

use crate::domain::chart::{self, Range};
use crate::domain::pmc::{self, FormBand, PmcDay};
use crate::ui::state::use_state;

/// The drawing's coordinate space; the SVG scales to the width it is given.
const W: f64 = 720.0;
const LOAD_TOP: f64 = 10.0;
const LOAD_BOTTOM: f64 = 200.0;
const TSB_TOP: f64 = 220.0;
const TSB_BOTTOM: f64 = 300.0;
const H: f64 = 320.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 10.0;
/// At most one point per two units of width.
const MAX_POINTS: usize = 360;
/// Rows in the table view.
const TABLE_ROWS: usize = 366;

#[component]
pub fn ChartPage() -> impl IntoView {
    let state = use_state();
    let range = RwSignal::new(Range::SixWeeks);
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);

    // History in range plus the projection from planned sessions, thinned to the width.
    let points = Memo::new(move |_| {
        let r = range.get();
        state.pmc.with(|history| {
            let shown = chart::window(history, r);
            let future = state
                .data
                .with(|d| chart::projection(history, &d.sessions, &d.profile));
            let mut all: Vec<PmcDay> = shown.to_vec();
            all.extend(future);
            let thinned = chart::thin(&all, MAX_POINTS);
            let first_future = thinned
                .iter()
                .position(|p| p.day > state.today.get_untracked())
                .unwrap_or(thinned.len());
            (thinned, first_future)
        })
    });
    Effect::new(move |_| {
        range.track();
        selected.set(None);
    });

    let summary = move || {
        state
            .pmc
            .with(|h| chart::summary(chart::window(h, range.get()), range.get()))
    };

    view! {
        <section class="page chart">
            <h1 tabindex="-1">"Chart"</h1>
            <Show
                when=move || state.pmc.with(|h| !h.is_empty())
                fallback=|| view! {
                    <div class="empty">"Your performance chart appears here once you log sessions: fitness (CTL), fatigue (ATL) and form (TSB) day by day, with each day’s training stress."</div>
                }
            >
                <div class="segmented" role="group" aria-label="Range">
                    {Range::ALL.into_iter().map(|r| view! {
                        <button type="button" aria-pressed=move || (range.get() == r).to_string() on:click=move |_| range.set(r)>{r.label()}</button>
                    }).collect_view()}
                </div>
                <p class="muted summary" id="chart-summary">{summary}</p>
                {move || points.with(|(pts, first_future)| Plot(pts, *first_future, selected))}
                <Legend />
                {move || {
                    let (pts, first_future) = points.get();
                    selected.get().and_then(|i| pts.get(i).copied()).map(|d| DayDetails(d, i_is_future(&pts, first_future, d)))
                }}
                <details class="card">
                    <summary>"Table"</summary>
                    {move || Table(state.pmc.with(|h| chart::window(h, range.get()).to_vec()))}
                </details>
            </Show>
        </section>
    }
}

fn i_is_future(pts: &[PmcDay], first_future: usize, d: PmcDay) -> bool {
    pts.get(first_future).is_some_and(|f| d.day >= f.day)
}

#[allow(non_snake_case)]
fn Plot(pts: &[PmcDay], first_future: usize, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let n = pts.len().max(1);
    let step = (W - LEFT - RIGHT) / n as f64;
    let x = move |i: usize| LEFT + step * (i as f64 + 0.5);
    let load_max = chart::nice_max(
        pts.iter()
            .map(|d| d.tss.max(d.ctl).max(d.atl))
            .fold(0.0, f64::max),
    );
    let ly = move |v: f64| LOAD_BOTTOM - (v / load_max).clamp(0.0, 1.0) * (LOAD_BOTTOM - LOAD_TOP);
    let tsb_lo = pts.iter().map(|d| d.tsb).fold(-40.0, f64::min).max(-80.0);
    let tsb_hi = pts.iter().map(|d| d.tsb).fold(30.0, f64::max).min(80.0);
    let ty = move |v: f64| {
        TSB_BOTTOM
            - ((v.clamp(tsb_lo, tsb_hi) - tsb_lo) / (tsb_hi - tsb_lo)) * (TSB_BOTTOM - TSB_TOP)
    };

    let line = |f: &dyn Fn(&PmcDay) -> f64,
                y: &dyn Fn(f64) -> f64,
                range: std::ops::Range<usize>|
     -> String {
        let mut d = String::new();
        for i in range {
            if let Some(p) = pts.get(i) {
                d.push_str(&format!(
                    "{}{:.1},{:.1} ",
                    if d.is_empty() { "M" } else { "L" },
                    x(i),
                    y(f(p))
                ));
            }
        }
        d
    };
    let past = 0..first_future.min(pts.len());
    // The projection starts from the last real day, so the dashed line joins the solid one.
    let future = first_future.saturating_sub(1)..pts.len();
    let bar_w = (step * 0.7).max(0.8);

    let bands = FormBand::ALL.into_iter().map(|b| {
        let (lo, hi) = b.range();
        let (y1, y2) = (ty(hi.min(tsb_hi)), ty(lo.max(tsb_lo)));
        (y2 > y1).then(|| view! { <rect class=format!("band band-{}", b.slug()) x=LEFT y=y1 width=W - LEFT - RIGHT height=y2 - y1 /> })
    }).collect_view();

    let bars = pts.iter().enumerate().map(|(i, d)| {
        let y = ly(d.tss);
        let cls = if i >= first_future { "bar planned" } else { "bar" };
        view! { <rect class=cls x=x(i) - bar_w / 2.0 y=y width=bar_w height=(LOAD_BOTTOM - y).max(0.0) /> }
    }).collect_view();

    let ticks = [0.0, load_max / 2.0, load_max].into_iter().map(|v| view! {
        <text class="tick" x=LEFT - 4.0 y=ly(v) + 4.0 text-anchor="end">{format!("{v:.0}")}</text>
        <line class="grid" x1=LEFT x2=W - RIGHT y1=ly(v) y2=ly(v) />
    }).collect_view();
    let tsb_ticks = [tsb_lo, 0.0, tsb_hi].into_iter().map(|v| view! {
        <text class="tick" x=LEFT - 4.0 y=ty(v) + 4.0 text-anchor="end">{format!("{v:+.0}")}</text>
    }).collect_view();

    let first = pts.first().map(|d| d.day.to_string()).unwrap_or_default();
    let last = pts.last().map(|d| d.day.to_string()).unwrap_or_default();
    let today_x = (first_future < pts.len()).then(|| x(first_future) - step / 2.0);
    let sel = move || selected.get().map(x);
    let len = pts.len();

    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(svg) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return;
        }
        let vx = (f64::from(ev.client_x()) - rect.left()) / rect.width() * W;
        let i = ((vx - LEFT) / step).floor();
        if i >= 0.0 && (i as usize) < len {
            selected.set(Some(i as usize));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let cur = selected.get_untracked().unwrap_or(len.saturating_sub(1));
        let next = match ev.key().as_str() {
            "ArrowLeft" => cur.saturating_sub(1),
            "ArrowRight" => (cur + 1).min(len.saturating_sub(1)),
            "Home" => 0,
            "End" => len.saturating_sub(1),
            "Escape" => {
                selected.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        selected.set(Some(next));
    };

    view! {
        <figure class="card plot">
            <svg viewBox=format!("0 0 {W} {H}") role="img" tabindex="0"
                aria-label="Performance chart: daily TSS bars, fitness and fatigue lines, and form below. Use the arrow keys to pick a day."
                aria-describedby="chart-summary"
                on:click=on_click on:keydown=on_key>
                {bands}
                {ticks}
                {tsb_ticks}
                <line class="zero" x1=LEFT x2=W - RIGHT y1=ty(0.0) y2=ty(0.0) />
                {bars}
                <path class="ctl" d=line(&|d| d.ctl, &ly, past.clone()) />
                <path class="atl" d=line(&|d| d.atl, &ly, past.clone()) />
                <path class="tsb" d=line(&|d| d.tsb, &ty, past) />
                <path class="ctl projected" d=line(&|d| d.ctl, &ly, future.clone()) />
                <path class="atl projected" d=line(&|d| d.atl, &ly, future.clone()) />
                <path class="tsb projected" d=line(&|d| d.tsb, &ty, future) />
                {today_x.map(|tx| view! {
                    <line class="today" x1=tx x2=tx y1=LOAD_TOP y2=TSB_BOTTOM />
                    <text class="tick" x=tx + 3.0 y=LOAD_TOP + 10.0>"today"</text>
                })}
                {move || sel().map(|sx| view! { <line class="cursor" x1=sx x2=sx y1=LOAD_TOP y2=TSB_BOTTOM /> })}
                <text class="tick" x=LEFT y=H - 4.0>{first}</text>
                <text class="tick" x=W - RIGHT y=H - 4.0 text-anchor="end">{last}</text>
            </svg>
        </figure>
    }
}

#[allow(non_snake_case)]
fn DayDetails(d: PmcDay, projected: bool) -> impl IntoView {
    view! {
        <div class="card day-details" role="status">
            <strong>{d.day.to_string()}{projected.then_some(" (projected)")}</strong>
            <dl>
                <dt>"TSS"</dt><dd>{format!("{:.0}", d.tss)}</dd>
                <dt>"Fitness (CTL)"</dt><dd>{format!("{:.1}", d.ctl)}</dd>
                <dt>"Fatigue (ATL)"</dt><dd>{format!("{:.1}", d.atl)}</dd>
                <dt>"Form (TSB)"</dt><dd>{format!("{:+.1} · {}", d.tsb, pmc::form_band(d.tsb).label())}</dd>
                <dt>"Ramp"</dt><dd>{format!("{:+.1} CTL/week", d.ramp)}</dd>
            </dl>
        </div>
    }
}

#[component]
fn Legend() -> impl IntoView {
    view! {
        <ul class="legend">
            <li><span class="key ctl"></span>"Fitness (CTL)"</li>
            <li><span class="key atl"></span>"Fatigue (ATL)"</li>
            <li><span class="key tsb"></span>"Form (TSB), below"</li>
            <li><span class="key bar"></span>"Daily TSS"</li>
            <li><span class="key projected"></span>"Projected from planned sessions"</li>
        </ul>
    }
}

#[allow(non_snake_case)]
fn Table(days: Vec<PmcDay>) -> impl IntoView {
    let total = days.len();
    let rows = days
        .into_iter()
        .rev()
        .take(TABLE_ROWS)
        .map(|d| {
            view! {
                <tr>
                    <td>{d.day.to_string()}</td>
                    <td>{format!("{:.0}", d.tss)}</td>
                    <td>{format!("{:.1}", d.ctl)}</td>
                    <td>{format!("{:.1}", d.atl)}</td>
                    <td>{format!("{:+.1}", d.tsb)}</td>
                    <td>{format!("{:+.1}", d.ramp)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">"Daily TSS, fitness, fatigue, form and ramp, newest first"</caption>
                <thead><tr>
                    <th scope="col">"Date"</th><th scope="col">"TSS"</th><th scope="col">"CTL"</th>
                    <th scope="col">"ATL"</th><th scope="col">"TSB"</th><th scope="col">"Ramp"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(total > TABLE_ROWS).then(|| view! { <p class="muted">{format!("Newest {TABLE_ROWS} of {total} days; export the performance chart (CSV) on the Data page for all of them.")}</p> })}
    }
}

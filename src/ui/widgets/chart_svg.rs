//! The performance chart, drawn as SVG by hand (no chart crate: a few hundred lines of SVG
//! cost far fewer wasm bytes than a library).
//!
//! The drawing is laid out in CSS pixels of the width it is given (measured, and again on a
//! window resize), so labels keep their size on a phone and long ranges are thinned to
//! about one point per two pixels ([`chart::thin`]). Daily TSS bars and the CTL and ATL
//! lines share the top panel; TSB sits below over its shaded bands. A tap, a drag or the
//! arrow keys select one day; the page shows its numbers.

use leptos::ev;
use leptos::prelude::*;

use crate::domain::chart;
use crate::domain::date::Day;
use crate::domain::pmc::{FormBand, PmcDay};

/// Consecutive days to draw; the days from `first_future` on are projected.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub days: Vec<PmcDay>,
    pub first_future: usize,
}

impl Series {
    /// The position of `day`, if the series holds it.
    pub fn index_of(&self, day: Day) -> Option<usize> {
        chart::index_of(&self.days, day)
    }

    /// Whether `day` is projected rather than logged.
    pub fn is_projected(&self, day: Day) -> bool {
        self.index_of(day).is_some_and(|i| i >= self.first_future)
    }
}

/// At least this many pixels per drawn point.
const PX_PER_POINT: f64 = 2.0;
/// The width drawn before the container is measured.
const DEFAULT_WIDTH: f64 = 640.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 18.0;
/// Room under the plot for the month labels.
const AXIS: f64 = 20.0;
const GAP: f64 = 14.0;
/// Fewer pixels than this between two labels and the second is left out.
const LABEL_SPACE: f64 = 13.0;

/// Where things go for a given width and number of days.
#[derive(Clone, Copy)]
struct Layout {
    w: f64,
    h: f64,
    load_top: f64,
    load_bottom: f64,
    tsb_top: f64,
    tsb_bottom: f64,
    step: f64,
    n: usize,
}

impl Layout {
    fn new(width: f64, n: usize) -> Layout {
        let w = if width.is_finite() {
            width
        } else {
            DEFAULT_WIDTH
        }
        .clamp(260.0, 1600.0);
        let h = (w * 0.5).clamp(250.0, 360.0);
        let inner = h - TOP - AXIS - GAP;
        let load_bottom = TOP + inner * 0.6;
        Layout {
            w,
            h,
            load_top: TOP,
            load_bottom,
            tsb_top: load_bottom + GAP,
            tsb_bottom: h - AXIS,
            step: (w - LEFT - RIGHT) / n.max(1) as f64,
            n,
        }
    }

    /// The centre of day `i`.
    fn x(&self, i: usize) -> f64 {
        LEFT + self.step * (i as f64 + 0.5)
    }

    /// The day under `vx` (drawing units), clamped to the series.
    fn index_at(&self, vx: f64) -> Option<usize> {
        if self.n == 0 || !vx.is_finite() {
            return None;
        }
        let i = ((vx - LEFT) / self.step).floor().max(0.0) as usize;
        Some(i.min(self.n - 1))
    }

    fn plot_w(&self) -> f64 {
        self.w - LEFT - RIGHT
    }
}

/// The chart. `selected` is the day whose numbers the page shows.
#[component]
pub fn PerformanceChart(
    series: Memo<Series>,
    selected: RwSignal<Option<Day>>,
    /// The id of the sentence that describes the chart.
    described_by: &'static str,
) -> impl IntoView {
    let wrap = NodeRef::<leptos::html::Div>::new();
    let width = RwSignal::new(DEFAULT_WIDTH);
    let measure = move || {
        if let Some(el) = wrap.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if wrap.get().is_some() {
            measure();
        }
    });
    let on_resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || on_resize.remove());

    view! {
        <figure class="card plot">
            <div class="plot-wrap" node_ref=wrap>
                {move || {
                    let w = width.get();
                    series.with(|s| draw(s, Layout::new(w, s.days.len()), series, selected, described_by))
                }}
            </div>
        </figure>
    }
}

fn draw(
    s: &Series,
    l: Layout,
    series: Memo<Series>,
    selected: RwSignal<Option<Day>>,
    described_by: &'static str,
) -> impl IntoView {
    let days = &s.days;
    let n = days.len();
    let first_future = s.first_future.min(n);
    let today_idx = first_future.checked_sub(1);

    // Scales.
    let load_hi = days
        .iter()
        .map(|d| d.tss.max(d.ctl).max(d.atl))
        .fold(10.0, f64::max);
    let load_ticks = chart::nice_ticks(0.0, load_hi, 4);
    let load_max = load_ticks.last().copied().unwrap_or(load_hi).max(1.0);
    let ly =
        move |v: f64| l.load_bottom - (v / load_max).clamp(0.0, 1.0) * (l.load_bottom - l.load_top);
    let tsb_lo = (days.iter().map(|d| d.tsb).fold(-40.0, f64::min) / 10.0).floor() * 10.0;
    let tsb_hi = (days.iter().map(|d| d.tsb).fold(30.0, f64::max) / 10.0).ceil() * 10.0;
    let (tsb_lo, tsb_hi) = (tsb_lo.max(-200.0), tsb_hi.min(200.0));
    let ty = move |v: f64| {
        l.tsb_bottom
            - ((v.clamp(tsb_lo, tsb_hi) - tsb_lo) / (tsb_hi - tsb_lo)) * (l.tsb_bottom - l.tsb_top)
    };

    // Thinning: one point per run of `per` days (the last day's state, the run's peak TSS).
    let max_points = ((l.plot_w() / PX_PER_POINT) as usize).max(1);
    let per = chart::days_per_point(n, max_points);
    let thinned = chart::thin(days, max_points);
    let run = |j: usize| (j * per, ((j + 1) * per).min(n));

    // Lines pass through the first day, today, and the last day of every run.
    let mut samples: Vec<usize> = (0..thinned.len()).map(|j| run(j).1 - 1).collect();
    samples.push(0);
    samples.extend(today_idx);
    samples.sort_unstable();
    samples.dedup();
    let path = |f: fn(&PmcDay) -> f64, y: &dyn Fn(f64) -> f64, keep: &dyn Fn(usize) -> bool| {
        let mut d = String::new();
        for &i in samples.iter().filter(|i| keep(**i)) {
            if let Some(p) = days.get(i) {
                let cmd = if d.is_empty() { 'M' } else { 'L' };
                d.push_str(&format!("{cmd}{:.1},{:.1} ", l.x(i), y(f(p))));
            }
        }
        d
    };
    let split = today_idx.unwrap_or(0);
    let past = move |i: usize| i < first_future;
    let future = move |i: usize| first_future < n && i >= split;

    let band_w = l.plot_w();
    let bands = FormBand::ALL
        .into_iter()
        .filter_map(|b| {
            let (lo, hi) = b.range();
            let (y1, y2) = (ty(hi.min(tsb_hi)), ty(lo.max(tsb_lo)));
            (y2 - y1 > 0.5).then(|| {
                view! { <rect class=format!("band band-{}", b.slug()) x=LEFT y=y1 width=band_w height=y2 - y1 /> }
            })
        })
        .collect_view();

    let bars = thinned
        .iter()
        .enumerate()
        .map(|(j, d)| {
            let (a, b) = run(j);
            let span = l.step * (b - a) as f64;
            let bw = (span * 0.7).max(0.8);
            let x = LEFT + l.step * a as f64 + (span - bw) / 2.0;
            let y = ly(d.tss);
            let cls = if b > first_future {
                "bar planned"
            } else {
                "bar"
            };
            view! { <rect class=cls x=x y=y width=bw height=(l.load_bottom - y).max(0.0) /> }
        })
        .collect_view();

    let grid = load_ticks
        .iter()
        .map(|&v| {
            let y = ly(v);
            view! {
                <line class="grid" x1=LEFT x2=l.w - RIGHT y1=y y2=y />
                <text class="tick" x=LEFT - 4.0 y=y + 4.0 text-anchor="end">{format!("{v}")}</text>
            }
        })
        .collect_view();

    // TSB is labelled at the band edges, top down, leaving out any that would touch.
    let mut last_y = f64::NEG_INFINITY;
    let tsb_labels = [25.0, 5.0, -10.0, -30.0]
        .into_iter()
        .filter(|v| *v > tsb_lo && *v < tsb_hi)
        .filter_map(|v| {
            let y = ty(v);
            (y - last_y >= LABEL_SPACE).then(|| {
                last_y = y;
                view! { <text class="tick" x=LEFT - 4.0 y=y + 4.0 text-anchor="end">{chart::signed(v, 0)}</text> }
            })
        })
        .collect_view();

    let months = month_labels(days, &l)
        .into_iter()
        .map(|(x, text)| {
            view! {
                <line class="grid" x1=x x2=x y1=l.tsb_bottom y2=l.tsb_bottom + 4.0 />
                <text class="tick" x=x.clamp(LEFT + 14.0, l.w - RIGHT - 16.0) y=l.h - 5.0 text-anchor="middle">{text}</text>
            }
        })
        .collect_view();

    let today = today_idx.filter(|_| first_future < n).map(|i| {
        let tx = l.x(i) + l.step / 2.0;
        view! {
            <line class="today" x1=tx x2=tx y1=l.load_top - 4.0 y2=l.tsb_bottom />
            <text class="tick" x=tx y=l.load_top - 6.0 text-anchor="middle">"today"</text>
        }
    });

    let cursor = move || {
        let day = selected.get()?;
        series.with(|s| {
            let i = s.index_of(day)?;
            let d = s.days.get(i)?;
            let x = l.x(i);
            Some(view! {
                <g class="cursor">
                    <line x1=x x2=x y1=l.load_top y2=l.tsb_bottom />
                    <circle class="ctl" cx=x cy=ly(d.ctl) r="4" />
                    <circle class="atl" cx=x cy=ly(d.atl) r="4" />
                    <circle class="tsb" cx=x cy=ty(d.tsb) r="4" />
                </g>
            })
        })
    };

    // Selecting.
    let day_at = move |i: usize| series.with_untracked(|s| s.days.get(i).map(|d| d.day));
    let pick = move |ev: &ev::PointerEvent| {
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
        let vx = (f64::from(ev.client_x()) - rect.left()) / rect.width() * l.w;
        if let Some(day) = l.index_at(vx).and_then(day_at) {
            // A hover moves often within one day's column: only a new day re-renders.
            if selected.get_untracked() != Some(day) {
                selected.set(Some(day));
            }
        }
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        if n == 0 {
            return;
        }
        let last = n - 1;
        let week = if ev.shift_key() { 7 } else { 1 };
        let current = selected
            .get_untracked()
            .and_then(|d| series.with_untracked(|s| s.index_of(d)));
        let next = match (ev.key().as_str(), current) {
            ("Escape", _) => {
                selected.set(None);
                return;
            }
            ("Home", _) => 0,
            ("End", _) => last,
            // The first key press starts from today.
            ("ArrowLeft" | "ArrowRight" | "PageUp" | "PageDown", None) => today_idx.unwrap_or(last),
            ("ArrowLeft", Some(i)) => i.saturating_sub(week),
            ("ArrowRight", Some(i)) => (i + week).min(last),
            ("PageDown", Some(i)) => i.saturating_sub(7),
            ("PageUp", Some(i)) => (i + 7).min(last),
            _ => return,
        };
        ev.prevent_default();
        if let Some(day) = day_at(next) {
            selected.set(Some(day));
        }
    };

    let label = match (days.first(), days.last()) {
        (Some(a), Some(b)) => format!(
            "Performance chart from {} to {}: daily TSS bars with fitness (CTL) and fatigue (ATL) lines, and form (TSB) over its bands below; dashed after today, projected from planned sessions. Arrow keys pick a day (Shift or Page Up and Page Down: a week), Home and End the first and last.",
            a.day, b.day
        ),
        _ => "Performance chart".to_string(),
    };

    view! {
        <svg
            viewBox=format!("0 0 {:.0} {:.0}", l.w, l.h)
            role="img"
            tabindex="0"
            aria-label=label
            aria-describedby=described_by
            on:pointerdown=move |ev| pick(&ev)
            // A mouse or pen shows the day it hovers; a finger, the day it drags over
            // (a touch moves only while down).
            on:pointermove=move |ev| {
                if ev.pointer_type() != "touch" || ev.buttons() & 1 == 1 {
                    pick(&ev);
                }
            }
            on:keydown=on_key
        >
            {bands}
            {grid}
            {tsb_labels}
            <line class="zero" x1=LEFT x2=l.w - RIGHT y1=ty(0.0) y2=ty(0.0) />
            {bars}
            <path class="ctl" d=path(|d| d.ctl, &ly, &past) />
            <path class="atl" d=path(|d| d.atl, &ly, &past) />
            <path class="tsb" d=path(|d| d.tsb, &ty, &past) />
            <path class="ctl projected" d=path(|d| d.ctl, &ly, &future) />
            <path class="atl projected" d=path(|d| d.atl, &ly, &future) />
            <path class="tsb projected" d=path(|d| d.tsb, &ty, &future) />
            {today}
            {months}
            {cursor}
        </svg>
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Labels at the first of a month, every 1, 2, 3, 6 or 12 months so they do not crowd;
/// January shows the year.
fn month_labels(days: &[PmcDay], l: &Layout) -> Vec<(f64, String)> {
    let px_per_month = l.step * 30.4;
    let every = [1u8, 2, 3, 6, 12]
        .into_iter()
        .find(|m| f64::from(*m) * px_per_month >= 44.0)
        .unwrap_or(12);
    days.iter()
        .enumerate()
        .filter(|(_, d)| d.day.day() == 1 && (d.day.month() - 1) % every == 0)
        .map(|(i, d)| {
            let x = LEFT + l.step * i as f64;
            let m = usize::from(d.day.month().clamp(1, 12)) - 1;
            let text = if m == 0 {
                d.day.year().to_string()
            } else {
                MONTHS[m].to_string()
            };
            (x, text)
        })
        .collect()
}

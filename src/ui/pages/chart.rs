//! Chart: fitness (CTL), fatigue (ATL) and form (TSB) with daily TSS over a chosen range,
//! the next four weeks projected from planned sessions, one day's numbers on a tap or a key,
//! and the same numbers as sentences and a table for screen readers.

use leptos::prelude::*;

use crate::domain::chart::{self, Range, PROJECTION_DAYS};
use crate::domain::date::Day;
use crate::domain::pmc::{self, FormBand, PmcDay};
use crate::ui::state::use_state;
use crate::ui::widgets::chart_svg::{PerformanceChart, Series};

/// Rows in the table view (a year and a day); the CSV export on the Data page has them all.
const TABLE_ROWS: usize = 366;

#[component]
pub fn ChartPage() -> impl IntoView {
    let state = use_state();
    let data = state.whole();
    let range = RwSignal::new(Range::SixWeeks);
    let selected: RwSignal<Option<Day>> = RwSignal::new(None);

    let projection = Memo::new(move |_| {
        state
            .pmc
            .with(|history| data.with(|d| chart::projection(history, &d.sessions, &d.profile)))
    });
    // The range of history, then the projection.
    let series = Memo::new(move |_| {
        let r = range.get();
        state.pmc.with(|history| {
            let shown = chart::window(history, r);
            let mut days = shown.to_vec();
            projection.with(|p| days.extend_from_slice(&p[..chart::projection_shown(p, r)]));
            Series {
                first_future: shown.len(),
                days,
            }
        })
    });
    // A selected day that leaves the chart (another range, a new day) is let go.
    Effect::new(move |_| {
        series.with(|s| {
            if let Some(day) = selected.get_untracked() {
                if s.index_of(day).is_none() {
                    selected.set(None);
                }
            }
        })
    });

    let summary = move || {
        let r = range.get();
        state.pmc.with(|h| chart::summary(chart::window(h, r), r))
    };
    let outlook = move || projection.with(|p| chart::outlook(p)).unwrap_or_default();
    let details = move || {
        let day = selected.get()?;
        series.with(|s| {
            let d = *s.days.get(s.index_of(day)?)?;
            Some(DayDetails(d, s.is_projected(day)))
        })
    };

    view! {
        <section class="page chart">
            <h1 tabindex="-1">"Chart"</h1>
            <Show
                when=move || state.pmc.with(|h| !h.is_empty())
                fallback=|| view! {
                    <div class="empty">"Your performance chart appears here once you log sessions: fitness (CTL), fatigue (ATL) and form (TSB) day by day, with each day’s training stress (TSS). Sessions dated after today are planned ones: the chart projects your form from them."</div>
                }
            >
                <div class="segmented" role="group" aria-label="Range">
                    {Range::ALL.into_iter().map(|r| view! {
                        <button type="button" aria-pressed=move || (range.get() == r).to_string() on:click=move |_| range.set(r)>{r.label()}</button>
                    }).collect_view()}
                </div>
                <p class="summary" id="chart-summary">{summary}</p>
                <p class="muted summary" id="chart-outlook">{outlook}</p>
                <PerformanceChart series selected described_by="chart-summary chart-outlook" />
                <div class="card day-details" role="status">
                    {move || details().unwrap_or_else(|| view! {
                        <p class="muted">"Point at or tap the chart, or focus it and use the arrow keys, to see one day’s numbers."</p>
                    }.into_any())}
                </div>
                <Legend />
                <details class="card chart-table">
                    <summary>"Table"</summary>
                    {move || {
                        let r = range.get();
                        state.pmc.with(|h| HistoryTable(chart::window(h, r), r))
                    }}
                    {move || projection.with(|p| ProjectionTable(p))}
                </details>
            </Show>
        </section>
    }
}

#[allow(non_snake_case)]
fn DayDetails(d: PmcDay, projected: bool) -> AnyView {
    view! {
        <strong>{d.day.with_weekday()}{projected.then_some(" (projected)")}</strong>
        <dl>
            <dt>{if projected { "TSS planned" } else { "TSS" }}</dt><dd>{format!("{:.0}", d.tss)}</dd>
            <dt>"Fitness (CTL)"</dt><dd>{format!("{:.1}", d.ctl)}</dd>
            <dt>"Fatigue (ATL)"</dt><dd>{format!("{:.1}", d.atl)}</dd>
            <dt>"Form (TSB)"</dt><dd>{format!("{} · {}", chart::signed(d.tsb, 1), pmc::form_band(d.tsb).label())}</dd>
            <dt>"Ramp"</dt><dd>{format!("{} CTL in 7 days", chart::signed(d.ramp, 1))}</dd>
        </dl>
    }
    .into_any()
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
        <ul class="legend bands">
            {FormBand::ALL.into_iter().map(|b| view! {
                <li><span class=format!("key band-{}", b.slug())></span>{b.legend()}</li>
            }).collect_view()}
        </ul>
    }
}

fn row(d: &PmcDay) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{d.day.with_weekday()}</th>
            <td>{format!("{:.0}", d.tss)}</td>
            <td>{format!("{:.1}", d.ctl)}</td>
            <td>{format!("{:.1}", d.atl)}</td>
            <td>{chart::signed(d.tsb, 1)}</td>
            <td>{chart::signed(d.ramp, 1)}</td>
        </tr>
    }
}

fn head() -> impl IntoView {
    view! {
        <thead><tr>
            <th scope="col">"Date"</th><th scope="col">"TSS"</th><th scope="col">"CTL"</th>
            <th scope="col">"ATL"</th><th scope="col">"TSB"</th><th scope="col">"Ramp"</th>
        </tr></thead>
    }
}

/// The range's days, newest first.
#[allow(non_snake_case)]
fn HistoryTable(days: &[PmcDay], range: Range) -> impl IntoView {
    let total = days.len();
    let rows = days.iter().rev().take(TABLE_ROWS).map(row).collect_view();
    let span = match range {
        Range::All => "all days".to_string(),
        r => format!("last {}", r.label()),
    };
    view! {
        <div class="table-wrap">
            <table>
                <caption>{format!("Day by day, {span}, newest first: TSS, fitness (CTL), fatigue (ATL), form (TSB) and ramp (CTL change in 7 days)")}</caption>
                {head()}
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(total > TABLE_ROWS).then(|| view! { <p class="muted">{format!("Newest {TABLE_ROWS} of {total} days; export the performance chart (CSV) on the Data page for all of them.")}</p> })}
    }
}

/// The projected days, soonest first.
#[allow(non_snake_case)]
fn ProjectionTable(days: &[PmcDay]) -> impl IntoView {
    (!days.is_empty()).then(|| {
        let rows = days.iter().map(row).collect_view();
        view! {
            <div class="table-scroll">
                <table>
                    <caption>{format!("Next {PROJECTION_DAYS} days, projected from planned sessions (rest where none), soonest first")}</caption>
                    {head()}
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    })
}

//! A live world seen at an instant T: the rows created by T, each with only the activity of its
//! plan that happened by T.
//!
//! A live world (one with a `[clock]` section, see [`ClockSpec`](crate::world::ClockSpec)) lays
//! its rows out in creation-time order over the clock's timeline, so the rows that exist at T
//! are a prefix of the project ([`Rows::len_at`]), and the view of a row at T
//! ([`Rows::plan_at`]) is its plan with every label, workflow move and review after T left
//! out. Nothing is stored: the world at T is a pure function of (seed, T), and two views agree
//! on every row whose activity ended before the earlier one.
//!
//! Exported times have whole seconds (`last_activity_at`, label `created_at`) and date filters
//! compare whole seconds, so the world at T holds every event of the second T falls in
//! ([`horizon`]): an export at T1 and a `last_activity_at >= T1 + 1 s` filter at T2 then see
//! exactly the activity between them.

use fauxport_model::WorkflowStatus;

use super::plan::{RowPlan, Step};
use super::{Rows, Selection};
use crate::world::World;

/// The last millisecond the world at `t` (Unix milliseconds) holds: the end of `t`'s second.
pub fn horizon(t: i64) -> i64 {
    t.div_euclid(1000) * 1000 + 999
}

impl World {
    /// Where a live world's clock starts, Unix milliseconds, and its speed against real time;
    /// `None` for a world without a `[clock]` section.
    pub fn clock_start(&self) -> Option<(i64, f64)> {
        let clock = self.spec.clock.as_ref()?;
        // A live world's timeline starts `history_days` before the clock does.
        let start = self.start_ms + i64::from(clock.history_days) * 86_400_000;
        Some((start, clock.speed))
    }
}

impl Selection {
    /// The same selection, of the world as it stands at `at` (Unix milliseconds; `None`: the
    /// whole world).
    pub fn at(self, at: Option<i64>) -> Selection {
        Selection { at, ..self }
    }
}

impl<'w> Rows<'w> {
    /// `at`, when the world is live; `None` (the whole world) for a world without a clock,
    /// whose rows are not laid out in creation-time order.
    fn live(&self, at: Option<i64>) -> Option<i64> {
        at.filter(|_| self.world().spec.clock.is_some())
    }

    /// Whether a row (planned at `at`) exists at `at`.
    pub(crate) fn exists_at(&self, plan: &RowPlan<'_>, at: Option<i64>) -> bool {
        self.live(at).is_none_or(|t| plan.created_ms <= horizon(t))
    }

    /// How many rows exist at `at`: a live world's rows are in creation-time order, so they are
    /// the first `len_at` of the project. `None`, or a world without a clock: all of them.
    pub fn len_at(&self, at: Option<i64>) -> u64 {
        let Some(t) = self.live(at) else {
            return self.len();
        };
        let h = horizon(t);
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.plan(mid).created_ms <= h {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// How many of the project's batches have arrived at `at` (a batch arrives with its rows).
    pub fn batches_at(&self, at: Option<i64>) -> u64 {
        self.len_at(at)
            .div_ceil(self.project().spec.batch_size.max(1))
    }

    /// Row `i` as it stands at `at`: its plan without the labels submitted, the workflow moves
    /// made and the reviews decided after `at`, with its status, `updated_at` and
    /// `last_activity_at` as of `at`. `None`, or a world without a clock: the whole plan. A row
    /// created after `at` keeps its plan; it is not selected at `at` (see [`Rows::len_at`]).
    pub fn plan_at(&self, i: u64, at: Option<i64>) -> RowPlan<'w> {
        let plan = self.plan(i);
        match self.live(at) {
            Some(t) if plan.created_ms <= horizon(t) => cut(plan, horizon(t)),
            _ => plan,
        }
    }

    /// [`Rows::planned`] at `at`: the plan of row `i` as it stands then.
    pub fn planned_at(&self, i: u64, at: Option<i64>) -> Option<RowPlan<'w>> {
        self.world().replay.is_none().then(|| self.plan_at(i, at))
    }
}

fn whole_seconds(ms: i64) -> i64 {
    ms.div_euclid(1000) * 1000
}

/// The plan with only what happened by `h` (a row that exists by then).
fn cut(mut plan: RowPlan<'_>, h: i64) -> RowPlan<'_> {
    let (moves, labels, updated) = (plan.moves.len(), plan.labels.len(), plan.updated_ms);
    plan.moves.retain(|m| m.at_ms <= h);
    plan.labels.retain(|l| l.submit_ms <= h);
    if plan.updated_ms > h {
        plan.updated_ms = plan.created_ms;
    }
    if plan.moves.len() == moves && plan.labels.len() == labels && plan.updated_ms == updated {
        return plan;
    }
    if plan.moves.len() < moves {
        // The review decision the labels' update times come from is still to come.
        for l in &mut plan.labels {
            l.updated_ms = l.created_ms;
            l.seconds_to_review = 0.0;
        }
    }
    plan.status = match plan.moves.last().map(|m| m.to) {
        None | Some(Step::Labeling) => WorkflowStatus::ToLabel,
        Some(Step::Review) => WorkflowStatus::InReview,
        Some(Step::Rework) => WorkflowStatus::InRework,
        Some(Step::Done) => WorkflowStatus::Done,
    };
    let latest_move = plan.moves.last().map_or(plan.updated_ms, |m| m.at_ms);
    let latest_label = plan.labels.iter().map(|l| l.updated_ms).max().unwrap_or(0);
    plan.last_activity_ms = whole_seconds(latest_move.max(latest_label));
    plan
}

#[cfg(test)]
mod tests {
    use fauxport_model::ExportParams;

    use super::*;
    use crate::world::{ClockSpec, ProjectKind, WorldSpec};

    const DAY: i64 = 86_400_000;

    /// A live world of `kind`: 600 rows in batches of 40, 20 days of history and 10 to come.
    fn live(kind: ProjectKind) -> World {
        let mut spec = WorldSpec::single(11, kind, 600);
        spec.projects[0].batch_size = 40;
        spec.projects[0].consensus = if kind == ProjectKind::ConversationalPreference {
            2
        } else {
            1
        };
        spec.clock = Some(ClockSpec {
            start: Some("2026-03-01T12:00:00Z".into()),
            speed: 1.0,
            history_days: 20,
            future_days: 10,
        });
        World::new(spec).expect("a valid live world")
    }

    fn start(world: &World) -> i64 {
        world.clock_start().expect("live").0
    }

    /// Instants from 25 days before the start to 20 days after it, some not on whole seconds.
    fn instants(world: &World) -> Vec<i64> {
        (-25..=20)
            .map(|d| start(world) + d * DAY + d * 777)
            .collect()
    }

    fn lines(rows: &Rows<'_>, at: i64) -> Vec<Vec<u8>> {
        let selection = Selection::rows(ExportParams::all()).at(Some(at));
        (0..rows.len_at(Some(at)))
            .map(|i| {
                let mut out = Vec::new();
                rows.write_selected(i, &selection, &mut out);
                out
            })
            .collect()
    }

    #[test]
    fn the_clock_starts_where_the_section_says_with_history_before_it() {
        let world = live(ProjectKind::PromptResponseCreation);
        let t = fauxport_model::time::parse_rfc3339_millis("2026-03-01T12:00:00Z");
        assert_eq!(world.clock_start(), t.map(|t| (t, 1.0)));
        assert_eq!(world.end_ms - start(&world), 10 * DAY);
        let rows = world.rows(0).expect("project 0");
        let now = rows.len_at(Some(start(&world)));
        assert!(
            now > 100 && now < 550,
            "some rows exist at the start and some are still to come: {now} of 600"
        );
        assert_eq!(
            rows.len_at(Some(world.end_ms)),
            600,
            "all arrive by the end"
        );
        assert_eq!(rows.batches_at(Some(start(&world))), now.div_ceil(40));
        let plain =
            World::new(WorldSpec::single(11, ProjectKind::PromptCreation, 5)).expect("valid");
        assert_eq!(plain.clock_start(), None);
    }

    #[test]
    fn the_rows_at_t_are_a_prefix_that_grows_with_t() {
        for kind in ProjectKind::ALL {
            let world = live(kind);
            let rows = world.rows(0).expect("project 0");
            let mut before = 0;
            for t in instants(&world) {
                let n = rows.len_at(Some(t));
                assert!(n >= before, "{kind:?}: {n} rows at {t}, {before} earlier");
                for i in 0..rows.len() {
                    let exists = rows.plan(i).created_ms <= horizon(t);
                    assert_eq!(exists, i < n, "{kind:?}: row {i} at {t} (prefix of {n})");
                }
                before = n;
            }
            assert_eq!(rows.len_at(None), rows.len());
        }
    }

    #[test]
    fn no_activity_of_a_row_at_t_is_after_t() {
        for kind in ProjectKind::ALL {
            let world = live(kind);
            let rows = world.rows(0).expect("project 0");
            for t in instants(&world) {
                let whole = whole_seconds(t);
                for i in 0..rows.len_at(Some(t)) {
                    let p = rows.plan_at(i, Some(t));
                    let what = format!("{kind:?} row {i} at {t}");
                    assert!(p.last_activity_ms <= whole, "{what}: {p:?}");
                    assert!(p.updated_ms <= horizon(t), "{what}");
                    assert!(p.moves.iter().all(|m| m.at_ms <= horizon(t)), "{what}");
                    for l in &p.labels {
                        assert!(l.submit_ms <= horizon(t) && l.created_ms <= whole, "{what}");
                        assert!(l.updated_ms <= whole, "{what}");
                    }
                    let moved = p.moves.last().map(|m| m.to);
                    let status = match moved {
                        None | Some(Step::Labeling) => WorkflowStatus::ToLabel,
                        Some(Step::Review) => WorkflowStatus::InReview,
                        Some(Step::Rework) => WorkflowStatus::InRework,
                        Some(Step::Done) => WorkflowStatus::Done,
                    };
                    assert_eq!(p.status, status, "{what}: the status follows the last move");
                }
            }
        }
    }

    #[test]
    fn the_world_at_t_holds_every_event_of_ts_second() {
        // Exported times and date filters have whole seconds: an event belongs to the world
        // from the start of its second, so no filter at second resolution can split a second.
        let world = live(ProjectKind::PromptResponseCreation);
        let rows = world.rows(0).expect("project 0");
        let mut checked = 0;
        for i in 0..rows.len() {
            for m in rows.plan(i).moves.iter().filter(|m| m.at_ms % 1000 != 0) {
                let second = whole_seconds(m.at_ms);
                assert!(rows.plan_at(i, Some(second)).moves.contains(m), "row {i}");
                assert!(
                    !rows.plan_at(i, Some(second - 1)).moves.contains(m),
                    "row {i}"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked} moves checked");
    }

    #[test]
    fn a_view_after_all_activity_is_the_whole_plan() {
        let world = live(ProjectKind::ConversationalPreference);
        let rows = world.rows(0).expect("project 0");
        let late = world.end_ms + 400 * DAY;
        for i in 0..rows.len() {
            assert_eq!(rows.plan_at(i, Some(late)), rows.plan(i), "row {i}");
            assert_eq!(rows.plan_at(i, None), rows.plan(i), "row {i}");
        }
    }

    #[test]
    fn exports_at_t1_and_t2_agree_on_every_row_whose_activity_ended_before_t1() {
        for kind in ProjectKind::ALL {
            let world = live(kind);
            let rows = world.rows(0).expect("project 0");
            let s = start(&world);
            for (t1, t2) in [
                (s, s + 2 * DAY),
                (s - 3 * DAY + 500, s + 1),
                (s, s + 9 * DAY),
            ] {
                let (early, late) = (lines(&rows, t1), lines(&rows, t2));
                assert!(early.len() <= late.len());
                let (mut same, mut changed) = (0, 0);
                for (i, (a, b)) in early.iter().zip(&late).enumerate() {
                    let settled = rows.plan_at(i as u64, Some(t2)).last_activity_ms;
                    if settled <= whole_seconds(t1) {
                        assert_eq!(a, b, "{kind:?} row {i}: settled by {t1}, same at {t2}");
                        same += 1;
                    } else {
                        assert_ne!(a, b, "{kind:?} row {i}: activity after {t1} shows at {t2}");
                        changed += 1;
                    }
                }
                assert!(same > 0, "{kind:?} {t1}..{t2}: some rows settled");
                assert!(
                    changed > 0 || late.len() > early.len(),
                    "{kind:?} {t1}..{t2}: the world moved"
                );
            }
        }
    }

    #[test]
    fn worlds_without_a_clock_keep_their_layout() {
        let spec = WorldSpec::single(11, ProjectKind::ResponseCreation, 50);
        let world = World::new(spec.clone()).expect("valid");
        let rows = world.rows(0).expect("project 0");
        let mut live_spec = spec;
        live_spec.clock = Some(ClockSpec::default());
        let live = World::new(live_spec).expect("valid");
        let moved = live.rows(0).expect("project 0");
        assert_ne!(rows.plan(0).created_ms, moved.plan(0).created_ms);
        assert_ne!(world.fingerprint(), live.fingerprint());
        assert_eq!(
            rows.len_at(Some(0)),
            50,
            "a world without a clock ignores T"
        );
    }
}

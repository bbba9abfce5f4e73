//! `GET /metrics` in the Prometheus text format: requests by route, kind, status and scenario;
//! faults injected; body bytes served; live streams; page-cache hits, misses, evictions and
//! size; the render queue; tasks kept. Counters of requests and faults are counted as requests
//! are recorded (journal or not); the rest is read from the server's own counters at scrape time.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::{Registry, Unit};

use crate::export::Exports;
use crate::export::render::Renderer;

/// The labels of a counted request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct RequestLabels {
    /// `graphql`, `page` or `download`.
    pub route: &'static str,
    /// The call kind (`create-export`, `task`, ...), `page`, `download`, or `refused`.
    pub kind: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The scenario's name (without its seed, to keep the label set small), or `none`.
    pub scenario: String,
}

/// The labels of an injected fault.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct FaultLabels {
    /// As in [`RequestLabels`].
    pub kind: &'static str,
    /// The scenario's name.
    pub scenario: String,
}

/// The server's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    faults: Family<FaultLabels, Counter>,
}

impl Metrics {
    /// Metrics over the server's renderer and tasks.
    pub fn new(render: Arc<Renderer>, exports: Arc<Exports>) -> Metrics {
        let mut registry = Registry::with_prefix("fauxport");
        let requests = Family::<RequestLabels, Counter>::default();
        let faults = Family::<FaultLabels, Counter>::default();
        registry.register(
            "requests",
            "Requests to the export API, by route, kind, status and scenario",
            requests.clone(),
        );
        registry.register(
            "faults_injected",
            "Responses a scenario fault changed",
            faults.clone(),
        );
        registry.register_collector(Box::new(Live { render, exports }));
        Metrics {
            registry,
            requests,
            faults,
        }
    }

    /// Counts a request, and its fault when one was injected.
    pub fn count(&self, labels: RequestLabels, faulted: bool) {
        if faulted {
            self.faults
                .get_or_create(&FaultLabels {
                    kind: labels.kind,
                    scenario: labels.scenario.clone(),
                })
                .inc();
        }
        self.requests.get_or_create(&labels).inc();
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// What is read at scrape time.
#[derive(Debug)]
struct Live {
    render: Arc<Renderer>,
    exports: Arc<Exports>,
}

/// Writes one metric read at scrape time.
fn emit(
    encoder: &mut DescriptorEncoder<'_>,
    name: &str,
    help: &str,
    unit: Option<&Unit>,
    metric: &impl EncodeMetric,
) -> std::fmt::Result {
    metric.encode(encoder.encode_descriptor(name, help, unit, metric.metric_type())?)
}

impl Collector for Live {
    fn encode(&self, mut encoder: DescriptorEncoder<'_>) -> std::fmt::Result {
        let r = &self.render;
        let stats = &r.cache.stats;
        let e = &mut encoder;
        let count = |a: &std::sync::atomic::AtomicU64| ConstCounter::new(a.load(Ordering::Relaxed));
        let bytes = Some(&Unit::Bytes);
        emit(
            e,
            "rendered",
            "Body bytes rendered",
            bytes,
            &count(&r.rendered_bytes),
        )?;
        emit(
            e,
            "cached",
            "Body bytes sent from the page cache",
            bytes,
            &count(&r.cached_bytes),
        )?;
        emit(
            e,
            "page_cache_hits",
            "Page downloads served from the cache",
            None,
            &count(&stats.hits),
        )?;
        emit(
            e,
            "page_cache_misses",
            "Cacheable page downloads rendered",
            None,
            &count(&stats.misses),
        )?;
        emit(
            e,
            "page_cache_evictions",
            "Pages evicted from the cache",
            None,
            &count(&stats.evictions),
        )?;
        let gauge = |v: i64| ConstGauge::new(v);
        emit(
            e,
            "page_cache",
            "Bytes of pages kept",
            bytes,
            &gauge(r.cache.bytes() as i64),
        )?;
        emit(
            e,
            "page_cache_pages",
            "Pages kept",
            None,
            &gauge(r.cache.len() as i64),
        )?;
        let streams = r.streams.load(Ordering::Relaxed);
        emit(
            e,
            "active_streams",
            "Bodies being sent now",
            None,
            &gauge(streams),
        )?;
        let queued = r.queued.load(Ordering::Relaxed);
        emit(
            e,
            "render_queue_depth",
            "Body pieces waiting for a render thread",
            None,
            &gauge(queued),
        )?;
        emit(
            e,
            "tasks",
            "Export tasks kept",
            None,
            &gauge(self.exports.len() as i64),
        )?;
        Ok(())
    }
}

//! A `tracing` layer that keeps every event and span of the thread it is installed on, for
//! tests that assert what was logged.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tracing::Level;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

use error_contract::tracing::TARGET;

/// One event or span, with its fields as text.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The level.
    pub level: Level,
    /// The target.
    pub target: String,
    /// The fields, as text.
    pub fields: BTreeMap<String, String>,
}

impl Captured {
    /// One field's text.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    /// Everything recorded, for leak checks.
    pub fn text(&self) -> String {
        format!("{} {} {:?}", self.level, self.target, self.fields)
    }
}

/// A visitor writing fields as text.
pub struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// A layer keeping every event and span of the thread it is installed on.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<Captured>>>);

impl Capture {
    /// Installs a fresh capture for the current thread until the guard drops.
    pub fn install() -> (Self, tracing::subscriber::DefaultGuard) {
        let capture = Self::default();
        let guard =
            tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
        (capture, guard)
    }

    /// One capture for the whole test binary, installed as the global subscriber on first
    /// use: for tests whose events come from a server's own threads.
    ///
    /// # Panics
    ///
    /// If another global subscriber was installed first.
    pub fn global() -> &'static Self {
        static GLOBAL: std::sync::OnceLock<Capture> = std::sync::OnceLock::new();
        GLOBAL.get_or_init(|| {
            let capture = Self::default();
            let subscriber = tracing_subscriber::registry().with(capture.clone());
            tracing::subscriber::set_global_default(subscriber)
                .expect("the only global subscriber");
            capture
        })
    }

    /// Everything captured.
    pub fn all(&self) -> Vec<Captured> {
        self.0.lock().unwrap().clone()
    }

    /// The events of error-contract.
    pub fn ours(&self) -> Vec<Captured> {
        self.all()
            .into_iter()
            .filter(|event| event.target == TARGET)
            .collect()
    }

    fn push(&self, level: Level, target: &str, record: impl FnOnce(&mut Fields<'_>)) {
        let mut fields = BTreeMap::new();
        record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Captured {
            level,
            target: target.to_owned(),
            fields,
        });
    }
}

impl<S> tracing_subscriber::Layer<S> for Capture
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let metadata = event.metadata();
        self.push(*metadata.level(), metadata.target(), |fields| {
            event.record(fields);
        });
    }

    fn on_new_span(
        &self,
        attributes: &tracing::span::Attributes<'_>,
        _: &tracing::span::Id,
        _: Context<'_, S>,
    ) {
        let metadata = attributes.metadata();
        self.push(*metadata.level(), metadata.target(), |fields| {
            attributes.record(fields);
        });
    }

    fn on_record(
        &self,
        span: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        context: Context<'_, S>,
    ) {
        let (level, target) = context
            .metadata(span)
            .map_or((Level::TRACE, ""), |metadata| {
                (*metadata.level(), metadata.target())
            });
        self.push(level, target, |fields| values.record(fields));
    }
}

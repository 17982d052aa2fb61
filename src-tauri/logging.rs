//! Logs: human-readable lines on stderr, and JSON lines in a daily-rotated file under the data
//! directory's `logs/` (kept 14 days), for IT to read or ship; and, when an OTLP collector is
//! configured, the spans (IPC commands, backend calls) as traces over OTLP/HTTP (protobuf).

use std::path::Path;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::{SdkTracerProvider, Tracer};
use tracing::Subscriber;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_opentelemetry::OpenTelemetryLayer;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

/// Keep it alive for the process's life: dropping it flushes the log file and the traces.
pub struct LogGuard {
    _file: WorkerGuard,
    _otlp: Option<OtlpExport>,
}

/// Installs the global subscriber. `RUST_LOG` overrides the default `info` level. With
/// `otlp_endpoint` (a collector's base URL), spans are also exported as traces.
pub fn init(log_dir: &Path, otlp_endpoint: Option<&str>) -> anyhow::Result<LogGuard> {
    std::fs::create_dir_all(log_dir)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("packbench")
        .filename_suffix("log")
        .max_log_files(14)
        .build(log_dir)?;
    let (file, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tao=warn,wry=warn"));
    let otlp = otlp_endpoint.map(OtlpExport::start).transpose()?;
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(fmt::layer().json().with_writer(file))
        .with(otlp.as_ref().map(|o| o.layer()))
        .try_init()?;
    Ok(LogGuard {
        _file: guard,
        _otlp: otlp,
    })
}

/// Spans exported to an OTLP collector over HTTP (protobuf), in batches from a background
/// thread; service name `packbench`.
pub struct OtlpExport {
    provider: SdkTracerProvider,
}

impl OtlpExport {
    /// `endpoint` is the collector's base URL (`http://otel-collector:4318`), as in
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`; traces go to its `/v1/traces`.
    pub fn start(endpoint: &str) -> anyhow::Result<Self> {
        let url = format!("{}/v1/traces", endpoint.trim_end_matches('/'));
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_protocol(opentelemetry_otlp::Protocol::HttpBinary)
            .with_endpoint(url)
            .build()?;
        let provider = SdkTracerProvider::builder()
            .with_batch_exporter(exporter)
            .with_resource(
                opentelemetry_sdk::Resource::builder()
                    .with_service_name("packbench")
                    .build(),
            )
            .build();
        Ok(Self { provider })
    }

    /// The `tracing` layer feeding this exporter.
    pub fn layer<S>(&self) -> OpenTelemetryLayer<S, Tracer>
    where
        S: Subscriber + for<'a> LookupSpan<'a>,
    {
        tracing_opentelemetry::layer().with_tracer(self.provider.tracer("packbench"))
    }

    /// Sends the spans finished so far now, instead of at the next batch.
    pub fn flush(&self) -> anyhow::Result<()> {
        self.provider.force_flush()?;
        Ok(())
    }
}

impl Drop for OtlpExport {
    fn drop(&mut self) {
        let _ = self.provider.shutdown();
    }
}

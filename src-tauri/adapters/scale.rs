//! The station's scale: a serial scale through the devices crate's drivers (MT-SICS, NCI,
//! Toledo 8217, Toledo continuous), or, on a training station, a simulated MT-SICS scale on a
//! pseudo-terminal read by that same driver, whose load follows what was packed. Between
//! weighings a thread probes the scale every [`PROBE_EVERY`], so an unplugged or silent scale
//! shows in the status bar, the heartbeat and the desk, and a replugged one recovers.

use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use async_trait::async_trait;
use packbench_devices::scale::sim::SimScale;
use packbench_devices::scale::{Protocol, Scale, ScaleConfig, ScaleHealth};
use packbench_devices::serial::SerialScale;
use packbench_devices::simulator::SimulatedScale;

use crate::ports::{DeviceFault, DeviceKind, Readiness};

/// How often an idle scale is asked whether it is there. With the heartbeat's 5 s and a
/// reply timeout under 1 s, a pulled cable reaches the desk within 10 s.
pub const PROBE_EVERY: Duration = Duration::from_secs(2);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A scale on a serial port; reopened after an unplug by the driver itself.
pub struct SerialWeighScale {
    name: String,
    timeout: std::time::Duration,
    scale: Arc<Mutex<SerialScale>>,
    /// The health the last exchange (a weighing or a probe) left.
    health: Arc<Mutex<ScaleHealth>>,
}

impl SerialWeighScale {
    /// Checks the settings and starts probing the scale in the background (the thread ends
    /// with the adapter).
    pub fn new(config: ScaleConfig) -> Result<Self, DeviceFault> {
        Self::with_probe_interval(config, PROBE_EVERY)
    }

    pub fn with_probe_interval(config: ScaleConfig, every: Duration) -> Result<Self, DeviceFault> {
        let name = format!("{} scale on {}", config.protocol.name(), config.port);
        let timeout = config.timeout();
        let scale = SerialScale::new(config).map_err(|e| DeviceFault::from(e).named(&name))?;
        let scale = Arc::new(Mutex::new(scale));
        let health = Arc::new(Mutex::new(ScaleHealth::default()));
        let (weak_scale, weak_health) = (Arc::downgrade(&scale), Arc::downgrade(&health));
        std::thread::Builder::new()
            .name("scale-probe".into())
            .spawn(move || probe_loop(weak_scale, weak_health, every))
            .map_err(|e| {
                DeviceFault::new(
                    DeviceKind::Scale,
                    "scale_task_failed",
                    format!("cannot start watching the scale: {e}"),
                )
            })?;
        Ok(SerialWeighScale {
            name,
            timeout,
            scale,
            health,
        })
    }
}

/// Probes the scale when nobody is weighing, until the adapter is dropped.
fn probe_loop(scale: Weak<Mutex<SerialScale>>, health: Weak<Mutex<ScaleHealth>>, every: Duration) {
    loop {
        let (Some(scale), Some(health)) = (scale.upgrade(), health.upgrade()) else {
            return;
        };
        // A weighing in progress updates the health itself.
        if let Ok(mut s) = scale.try_lock() {
            let h = s.probe();
            *lock(&health) = h;
        }
        drop((scale, health));
        std::thread::sleep(every);
    }
}

/// The port's view of a scale's health.
fn readiness(h: &ScaleHealth) -> Readiness {
    Readiness {
        ready: h.ready(),
        problems: h.problem().map(str::to_owned).into_iter().collect(),
    }
}

#[async_trait]
impl crate::ports::Scale for SerialWeighScale {
    async fn read_stable(&self) -> Result<u32, DeviceFault> {
        let scale = self.scale.clone();
        let timeout = self.timeout;
        let name = self.name.clone();
        let health = self.health.clone();
        let reading = tokio::task::spawn_blocking(move || {
            let mut s = lock(&scale);
            let r = s.read_stable(timeout);
            *lock(&health) = s.health();
            r
        })
        .await
        .map_err(|e| {
            DeviceFault::new(
                DeviceKind::Scale,
                "scale_task_failed",
                format!("The scale task failed ({e}). Weigh again; if it stays, call IT."),
            )
        })?
        .map_err(|e| DeviceFault::from(e).named(&name))?;
        // An empty platter (or one below zero) reads 0: the caller waits for the parcel.
        Ok(u32::try_from(reading.grams.max(0)).unwrap_or(u32::MAX))
    }

    fn describe(&self) -> String {
        self.name.clone()
    }

    async fn health(&self) -> Readiness {
        readiness(&lock(&self.health))
    }
}

/// The training station's scale: a simulated MT-SICS scale on a pty (noise, motion, settle
/// time), read through the real serial driver.
pub struct TrainingScale {
    sim: SimulatedScale,
    inner: SerialWeighScale,
}

impl TrainingScale {
    pub fn start() -> Result<Self, DeviceFault> {
        let sim = SimulatedScale::start(SimScale::new(Protocol::MtSics)).map_err(|e| {
            DeviceFault::new(
                DeviceKind::Scale,
                "scale_port_unavailable",
                format!("cannot start the training scale: {e}"),
            )
        })?;
        let inner = SerialWeighScale::new(ScaleConfig::new(sim.path(), Protocol::MtSics))?;
        Ok(TrainingScale { sim, inner })
    }
}

#[async_trait]
impl crate::ports::Scale for TrainingScale {
    async fn read_stable(&self) -> Result<u32, DeviceFault> {
        crate::ports::Scale::read_stable(&self.inner).await
    }

    fn place(&self, grams: u32) {
        self.sim.set_load_g(i64::from(grams));
    }

    fn describe(&self) -> String {
        "training scale (simulated MT-SICS)".into()
    }

    async fn health(&self) -> Readiness {
        crate::ports::Scale::health(&self.inner).await
    }
}

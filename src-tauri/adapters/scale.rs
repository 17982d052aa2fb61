//! The station's scale: a serial scale through the devices crate's drivers (MT-SICS, NCI,
//! Toledo 8217, Toledo continuous), or, on a training station, a simulated MT-SICS scale on a
//! pseudo-terminal read by that same driver, whose load follows what was packed.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use packbench_devices::scale::sim::SimScale;
use packbench_devices::scale::{Protocol, Scale, ScaleConfig};
use packbench_devices::serial::SerialScale;
use packbench_devices::simulator::SimulatedScale;

use crate::ports::{DeviceFault, DeviceKind};

/// A scale on a serial port; reopened after an unplug by the driver itself.
pub struct SerialWeighScale {
    name: String,
    timeout: std::time::Duration,
    scale: Arc<Mutex<SerialScale>>,
}

impl SerialWeighScale {
    pub fn new(config: ScaleConfig) -> Result<Self, DeviceFault> {
        let name = format!("{} scale on {}", config.protocol.name(), config.port);
        let timeout = config.timeout();
        let scale = SerialScale::new(config).map_err(|e| DeviceFault::from(e).named(&name))?;
        Ok(SerialWeighScale {
            name,
            timeout,
            scale: Arc::new(Mutex::new(scale)),
        })
    }
}

#[async_trait]
impl crate::ports::Scale for SerialWeighScale {
    async fn read_stable(&self) -> Result<u32, DeviceFault> {
        let scale = self.scale.clone();
        let timeout = self.timeout;
        let name = self.name.clone();
        let reading = tokio::task::spawn_blocking(move || {
            let mut s = scale.lock().unwrap_or_else(|p| p.into_inner());
            s.read_stable(timeout)
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
}

//! Where label and document print jobs go: a configured printer (any URI the devices crate
//! opens: `tcp://`, `ipp://`, `cups:`, `serial://`, `usb://`), or a spool directory for training
//! stations and drills, where each job becomes one file and a job sent twice is caught.

use std::path::PathBuf;

use async_trait::async_trait;
use packbench_devices::printer::{open_printer, ContentType, PrintJob};

use crate::ports::{DeviceFault, DeviceKind, Printer, Readiness};

/// A printer named by its URI; opened per job (the devices crate's adapters do no I/O at open).
pub struct DevicePrinter {
    uri: String,
}

impl DevicePrinter {
    pub fn new(uri: &str) -> Result<Self, DeviceFault> {
        open_printer(uri)?;
        Ok(DevicePrinter {
            uri: uri.to_owned(),
        })
    }
}

#[async_trait]
impl Printer for DevicePrinter {
    async fn print(&self, job: PrintJob) -> Result<(), DeviceFault> {
        let uri = self.uri.clone();
        tokio::task::spawn_blocking(move || {
            let mut p = open_printer(&uri)?;
            p.send(&job).map(|_| ()).map_err(DeviceFault::from)
        })
        .await
        .map_err(|e| task_failed(&e))?
    }

    fn describe(&self) -> String {
        self.uri.clone()
    }

    async fn health(&self) -> Readiness {
        let uri = self.uri.clone();
        let status =
            tokio::task::spawn_blocking(move || open_printer(&uri).and_then(|mut p| p.status()))
                .await;
        let (ready, problems) = match status {
            Ok(Ok(st)) => (
                st.can_print(),
                st.conditions.iter().map(|c| c.code().to_owned()).collect(),
            ),
            Ok(Err(e)) => (false, vec![e.fault_code().to_owned()]),
            Err(_) => (false, vec!["status_failed".to_owned()]),
        };
        Readiness { ready, problems }
    }
}

/// A print task that panicked or was cancelled (not the printer's fault).
fn task_failed(e: &tokio::task::JoinError) -> DeviceFault {
    DeviceFault::new(
        DeviceKind::Printer,
        "printer_task_failed",
        format!("The print task failed ({e}). Print again; if it stays, call IT."),
    )
}

/// Writes each job to `DIR/<job id>.<zpl|pdf>`, refusing to write a job id twice: the training
/// station's "printer", and the drill's proof that no label printed twice.
pub struct SpoolPrinter {
    dir: PathBuf,
}

impl SpoolPrinter {
    pub fn new(dir: PathBuf) -> Result<Self, DeviceFault> {
        std::fs::create_dir_all(&dir).map_err(|e| spool_fault(&dir, &e))?;
        Ok(SpoolPrinter { dir })
    }

    /// The file a job goes to.
    pub fn path_of(&self, job_id: &str, content: ContentType) -> PathBuf {
        let ext = match content {
            ContentType::Zpl => "zpl",
            ContentType::Pdf => "pdf",
        };
        let safe: String = job_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.dir.join(format!("{safe}.{ext}"))
    }
}

#[async_trait]
impl Printer for SpoolPrinter {
    async fn print(&self, job: PrintJob) -> Result<(), DeviceFault> {
        use std::io::Write;
        let path = self.path_of(&job.job_id, job.content_type);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| spool_fault(&path, &e))?;
        f.write_all(&job.data)
            .and_then(|_| f.sync_all())
            .map_err(|e| spool_fault(&path, &e))
    }

    fn describe(&self) -> String {
        format!("spool:{}", self.dir.display())
    }
}

/// The spool's own failure (a file or folder it cannot write, a job written already).
fn spool_fault(path: &std::path::Path, e: &std::io::Error) -> DeviceFault {
    DeviceFault::new(
        DeviceKind::Printer,
        "printer_spool_failed",
        format!("print spool {}: {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_spool_refuses_a_job_twice() {
        let dir = tempfile::tempdir().unwrap();
        let spool = SpoolPrinter::new(dir.path().join("spool")).unwrap();
        let job = PrintJob::zpl("sh:TR-1@ST#3:O-1/p1", "O-1 parcel 1", "^XA^XZ");
        spool.print(job.clone()).await.unwrap();
        let err = spool.print(job.clone()).await.unwrap_err();
        assert!(err.message.contains("exists"), "{err}");
        assert_eq!(err.code, "printer_spool_failed");
        let path = spool.path_of(&job.job_id, ContentType::Zpl);
        assert_eq!(std::fs::read(path).unwrap(), b"^XA^XZ");
    }

    #[test]
    fn a_bad_printer_uri_is_refused_up_front() {
        assert!(DevicePrinter::new("carrier-pigeon://x").is_err());
    }
}

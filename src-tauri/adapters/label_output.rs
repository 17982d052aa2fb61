//! Where label and document print jobs go: a configured printer (any URI the devices crate
//! opens: `tcp://`, `ipp://`, `cups:`, `serial://`, `usb://`), or a spool directory for training
//! stations and drills, where each job becomes one file and a job sent twice is caught.

use std::path::PathBuf;

use async_trait::async_trait;
use packbench_devices::printer::{open_printer, ContentType, PrintJob};

use crate::ports::LabelOutput;

/// A printer named by its URI; opened per job (the devices crate's adapters do no I/O at open).
pub struct DevicePrinter {
    uri: String,
}

impl DevicePrinter {
    pub fn new(uri: &str) -> Result<Self, String> {
        open_printer(uri).map_err(|e| e.to_string())?;
        Ok(DevicePrinter {
            uri: uri.to_owned(),
        })
    }
}

#[async_trait]
impl LabelOutput for DevicePrinter {
    async fn print(&self, job: PrintJob) -> Result<(), String> {
        let uri = self.uri.clone();
        tokio::task::spawn_blocking(move || {
            let mut p = open_printer(&uri).map_err(|e| e.to_string())?;
            p.send(&job).map(|_| ()).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| format!("the print task failed: {e}"))?
    }

    fn describe(&self) -> String {
        self.uri.clone()
    }

    async fn health(&self) -> (bool, Vec<String>) {
        let uri = self.uri.clone();
        let status =
            tokio::task::spawn_blocking(move || open_printer(&uri).and_then(|mut p| p.status()))
                .await;
        match status {
            Ok(Ok(st)) => (
                st.can_print(),
                st.conditions.iter().map(|c| c.code().to_owned()).collect(),
            ),
            Ok(Err(e)) => (false, vec![e.code().to_owned()]),
            Err(_) => (false, vec!["status_failed".to_owned()]),
        }
    }
}

/// Writes each job to `DIR/<job id>.<zpl|pdf>`, refusing to write a job id twice: the training
/// station's "printer", and the drill's proof that no label printed twice.
pub struct SpoolPrinter {
    dir: PathBuf,
}

impl SpoolPrinter {
    pub fn new(dir: PathBuf) -> Result<Self, String> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create the print spool {}: {e}", dir.display()))?;
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
impl LabelOutput for SpoolPrinter {
    async fn print(&self, job: PrintJob) -> Result<(), String> {
        use std::io::Write;
        let path = self.path_of(&job.job_id, job.content_type);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("print spool {}: {e}", path.display()))?;
        f.write_all(&job.data)
            .and_then(|_| f.sync_all())
            .map_err(|e| format!("print spool {}: {e}", path.display()))
    }

    fn describe(&self) -> String {
        format!("spool:{}", self.dir.display())
    }
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
        assert!(err.contains("exists"), "{err}");
        let path = spool.path_of(&job.job_id, ContentType::Zpl);
        assert_eq!(std::fs::read(path).unwrap(), b"^XA^XZ");
    }

    #[test]
    fn a_bad_printer_uri_is_refused_up_front() {
        assert!(DevicePrinter::new("carrier-pigeon://x").is_err());
    }
}

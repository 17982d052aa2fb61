//! IPP printers and CUPS queues (`ipp://HOST:PORT/printers/QUEUE`, `cups://QUEUE`) through the
//! `ipp` crate's blocking client: the queue's state and reasons before a job, Print-Job, and
//! the job's state afterwards.

use crate::printer::raw_tcp::millis;
use crate::printer::{
    check_before_send, Condition, JobReceipt, JobState, PrintJob, Printer, PrinterError,
    PrinterName, PrinterState, PrinterStatus, PrinterUri, Role, Stage, Transport,
};
use ipp::operation::IppOperation;
use ipp::prelude::*;
use std::io::ErrorKind;
use std::time::{Duration, Instant};

/// The user name jobs are queued under.
const USER: &str = "packbench";

/// A CUPS queue or IPP printer.
pub struct IppPrinter {
    uri: PrinterUri,
    endpoint: Uri,
}

/// The IPP endpoint of `cups://QUEUE`: on `CUPS_SERVER` (a host, `host:port`; a socket path
/// cannot carry IPP over TCP, so it means the local server) or localhost:631.
pub fn cups_endpoint(queue: &str, cups_server: Option<&str>) -> String {
    let server = cups_server
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.starts_with('/'))
        .map(|s| s.split('/').next().unwrap_or(s))
        .unwrap_or("localhost:631");
    let server = if server
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        || server.ends_with(']')
    {
        server.to_string()
    } else {
        format!("{server}:631")
    };
    format!("ipp://{server}/printers/{queue}")
}

impl IppPrinter {
    pub fn new(uri: PrinterUri) -> Result<Self, PrinterError> {
        let endpoint = match &uri.transport {
            Transport::Ipp { host, port, path } => {
                let host = if host.contains(':') {
                    format!("[{host}]")
                } else {
                    host.clone()
                };
                format!("ipp://{host}:{port}{path}")
            }
            Transport::Cups { queue } => {
                cups_endpoint(queue, std::env::var("CUPS_SERVER").ok().as_deref())
            }
            _ => {
                return Err(PrinterError::InvalidUri {
                    uri: uri.to_string(),
                    reason: "not an ipp:// or cups:// printer".into(),
                })
            }
        };
        let endpoint = endpoint
            .parse::<Uri>()
            .map_err(|e| PrinterError::InvalidUri {
                uri: uri.to_string(),
                reason: format!("{endpoint} is not a valid address: {e}"),
            })?;
        Ok(IppPrinter { uri, endpoint })
    }

    /// The IPP address requests go to.
    pub fn endpoint(&self) -> String {
        self.endpoint.to_string()
    }

    fn name(&self, role: Role) -> PrinterName {
        PrinterName::new(role, self.uri.as_str())
    }

    fn client(&self) -> IppClient {
        // The crate's own connect timeout is 10 s; the request timeout bounds the whole call.
        IppClient::builder(self.endpoint.clone())
            .request_timeout(self.uri.options.io_timeout)
            .build()
    }

    /// Sends a request and checks the IPP status of the response.
    fn call(
        &self,
        request: impl IppOperation,
        role: Role,
        stage: Stage,
    ) -> Result<IppRequestResponse, PrinterError> {
        let response = self
            .client()
            .send(request)
            .map_err(|e| self.transport_error(e, role, stage))?;
        let status = response.header().status_code();
        if status.is_success() {
            return Ok(response);
        }
        let message = response
            .attributes()
            .groups_of(DelimiterTag::OperationAttributes)
            .find_map(|g| g.get("status-message"))
            .map(|a| a.value().to_string());
        Err(self.status_error(status, message, role))
    }

    fn status_error(
        &self,
        status: StatusCode,
        message: Option<String>,
        role: Role,
    ) -> PrinterError {
        let printer = self.name(role);
        let detail = match message {
            Some(m) => format!("{status}: {m}"),
            None => status.to_string(),
        };
        match status {
            StatusCode::ClientErrorNotFound | StatusCode::ClientErrorGone => {
                PrinterError::NotFound {
                    printer,
                    detail: format!("no such queue at {} ({detail})", self.endpoint),
                }
            }
            StatusCode::ClientErrorForbidden
            | StatusCode::ClientErrorNotAuthenticated
            | StatusCode::ClientErrorNotAuthorized => {
                PrinterError::PermissionDenied { printer, detail }
            }
            StatusCode::ClientErrorTimeout => PrinterError::Timeout {
                printer,
                stage: Stage::Write,
                timeout_ms: millis(self.uri.options.io_timeout),
            },
            _ => PrinterError::Rejected { printer, detail },
        }
    }

    fn transport_error(&self, e: IppError, role: Role, stage: Stage) -> PrinterError {
        let printer = self.name(role);
        let timeout = PrinterError::Timeout {
            printer: printer.clone(),
            stage,
            timeout_ms: millis(self.uri.options.io_timeout),
        };
        let io = |e: &std::io::Error| match e.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => timeout.clone(),
            ErrorKind::ConnectionRefused => PrinterError::Unreachable {
                printer: printer.clone(),
                detail: format!("connection to {} refused: is CUPS running?", self.endpoint),
            },
            _ => PrinterError::Unreachable {
                printer: printer.clone(),
                detail: format!("{}: {e}", self.endpoint),
            },
        };
        match &e {
            IppError::IoError(e) => io(e),
            IppError::ClientError(ureq::Error::Io(e)) => io(e),
            IppError::ClientError(ureq::Error::Timeout(_)) => timeout,
            IppError::ClientError(ureq::Error::HostNotFound) => PrinterError::Unreachable {
                printer,
                detail: format!("host of {} not found", self.endpoint),
            },
            IppError::ClientError(ureq::Error::ConnectionFailed) => PrinterError::Unreachable {
                printer,
                detail: format!("cannot connect to {}", self.endpoint),
            },
            IppError::ClientError(ureq::Error::StatusCode(404)) | IppError::RequestError(404) => {
                PrinterError::NotFound {
                    printer,
                    detail: format!("{} answers 404", self.endpoint),
                }
            }
            IppError::StatusError(code) => self.status_error(*code, None, role),
            _ => PrinterError::Rejected {
                printer,
                detail: e.to_string(),
            },
        }
    }

    /// The queue's state for the job `queue_job_id`.
    pub fn queue_job_state(&self, queue_job_id: i32, role: Role) -> Result<JobState, PrinterError> {
        let op = IppOperationBuilder::get_job_attributes(self.endpoint.clone(), queue_job_id)
            .user_name(USER)
            .build()
            .map_err(|e| PrinterError::InvalidJob(e.to_string()))?;
        let response = self.call(op, role, Stage::Status)?;
        let state = response
            .attributes()
            .groups_of(DelimiterTag::JobAttributes)
            .find_map(|g| g.get("job-state"))
            .and_then(|a| match a.value() {
                IppValue::Enum(n) | IppValue::Integer(n) => JobState::from_ipp(*n),
                _ => None,
            });
        state.ok_or_else(|| PrinterError::Rejected {
            printer: self.name(role),
            detail: format!("the queue gave no state for job {queue_job_id}"),
        })
    }

    /// Polls the job until it is completed, canceled or aborted, or `timeout` passes
    /// (`printer_timeout`). A canceled or aborted job is `printer_rejected`.
    pub fn wait_for_job(
        &mut self,
        receipt: &JobReceipt,
        timeout: Duration,
        poll: Duration,
    ) -> Result<JobState, PrinterError> {
        let deadline = Instant::now() + timeout;
        loop {
            let state = self.job_state(receipt)?;
            match state {
                JobState::Canceled | JobState::Aborted => {
                    return Err(PrinterError::Rejected {
                        printer: self.name(Role::Unknown),
                        detail: format!(
                            "job {} ({}) was {}",
                            receipt.job_id,
                            receipt.queue_job_id.unwrap_or_default(),
                            if state == JobState::Canceled {
                                "canceled"
                            } else {
                                "aborted"
                            }
                        ),
                    })
                }
                s if s.is_final() => return Ok(s),
                _ => {}
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(PrinterError::Timeout {
                    printer: self.name(Role::Unknown),
                    stage: Stage::Finish,
                    timeout_ms: millis(timeout),
                });
            }
            std::thread::sleep(poll.min(deadline - now));
        }
    }
}

/// What a `printer-state-reasons` keyword means for printing (RFC 8011, PWG 5100.9).
pub fn condition_from_reason(keyword: &str) -> Option<Condition> {
    if keyword == "none" || keyword.ends_with("-report") {
        return None;
    }
    if keyword.ends_with("-warning") {
        return Some(Condition::Other(keyword.to_string()));
    }
    let base = keyword.strip_suffix("-error").unwrap_or(keyword);
    Some(match base {
        "media-empty" | "media-needed" => Condition::PaperOut,
        "cover-open" | "door-open" | "interlock-open" => Condition::HeadOpen,
        "paused" => Condition::Paused,
        "marker-supply-empty" | "toner-empty" | "marker-ink-empty" => Condition::RibbonOut,
        "media-jam" => Condition::MediaJam,
        "offline" | "shutdown" => Condition::Offline,
        "spool-area-full" => Condition::BufferFull,
        _ => Condition::Other(keyword.to_string()),
    })
}

/// A status from `printer-state` (3 idle, 4 processing, 5 stopped) and its reasons.
pub fn status_from_ipp(
    state: Option<i32>,
    reasons: &[String],
    message: Option<String>,
) -> PrinterStatus {
    let mut conditions: Vec<Condition> = reasons
        .iter()
        .filter_map(|r| condition_from_reason(r))
        .collect();
    conditions.sort_by_key(|c| !c.stops_printing());
    conditions.dedup();
    let state = match state {
        Some(4) => PrinterState::Printing,
        Some(5) => PrinterState::Stopped,
        _ => PrinterState::Idle,
    };
    PrinterStatus {
        state,
        conditions,
        detail: message.filter(|m| !m.trim().is_empty()),
    }
}

fn keywords(value: &IppValue) -> Vec<String> {
    match value {
        IppValue::Array(values) => values.iter().flat_map(keywords).collect(),
        IppValue::Keyword(k) => vec![k.to_string()],
        other => vec![other.to_string()],
    }
}

impl Printer for IppPrinter {
    fn uri(&self) -> &PrinterUri {
        &self.uri
    }

    fn send(&mut self, job: &PrintJob) -> Result<JobReceipt, PrinterError> {
        job.validate()?;
        check_before_send(self, job)?;
        let role = job.content_type.role();
        // The client's id rides in the job name: IPP has no client-assigned job id.
        let title = format!("{} [{}]", job.name, job.job_id);
        let payload = IppPayload::new(std::io::Cursor::new(job.data.clone()));
        let op = IppOperationBuilder::print_job(self.endpoint.clone(), payload)
            .user_name(USER)
            .job_title(&title)
            .document_format(job.content_type.ipp_format())
            .build()
            .map_err(|e| PrinterError::InvalidJob(format!("job name \"{title}\": {e}")))?;
        let response = self.call(op, role, Stage::Write)?;
        let group = response
            .attributes()
            .groups_of(DelimiterTag::JobAttributes)
            .next();
        let queue_job_id = group
            .and_then(|g| g.get("job-id"))
            .and_then(|a| a.value().as_integer().copied());
        let state = group
            .and_then(|g| g.get("job-state"))
            .and_then(|a| match a.value() {
                IppValue::Enum(n) | IppValue::Integer(n) => JobState::from_ipp(*n),
                _ => None,
            })
            .unwrap_or(JobState::Pending);
        Ok(JobReceipt {
            job_id: job.job_id.clone(),
            printer: self.uri.to_string(),
            bytes_sent: job.data.len(),
            state,
            queue_job_id,
        })
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        let op = IppOperationBuilder::get_printer_attributes(self.endpoint.clone())
            .attributes([
                "printer-state",
                "printer-state-reasons",
                "printer-state-message",
            ])
            .build()
            .map_err(|e| PrinterError::InvalidJob(e.to_string()))?;
        let response = self.call(op, Role::Unknown, Stage::Status)?;
        let group = response
            .attributes()
            .groups_of(DelimiterTag::PrinterAttributes)
            .next();
        let state = group
            .and_then(|g| g.get("printer-state"))
            .and_then(|a| match a.value() {
                IppValue::Enum(n) | IppValue::Integer(n) => Some(*n),
                _ => None,
            });
        let reasons = group
            .and_then(|g| g.get("printer-state-reasons"))
            .map(|a| keywords(a.value()))
            .unwrap_or_default();
        let message = group
            .and_then(|g| g.get("printer-state-message"))
            .map(|a| a.value().to_string());
        Ok(status_from_ipp(state, &reasons, message))
    }

    fn job_state(&mut self, receipt: &JobReceipt) -> Result<JobState, PrinterError> {
        match receipt.queue_job_id {
            Some(id) => self.queue_job_state(id, Role::Unknown),
            None => Ok(receipt.state),
        }
    }
}

//! Connections, bounded. One thread waits on the listener and on every connection still sending
//! its request head (mio, readiness: an idle connection costs a socket and a small buffer, no
//! thread), drops a connection whose head is not complete within `HEAD_DEADLINE` of its arrival
//! however slowly it trickles in, refuses a head over `HEAD_BYTES` (431), and hands complete
//! requests to `WORKERS` threads through a queue of `QUEUE`; past that, `503`. The live-reload
//! event stream of a page holds its connection open, so each gets a thread of its own, up to
//! `EVENT_STREAMS` (then `503`). When `PENDING` connections are waiting for their heads, the
//! oldest is dropped for the newcomer. Nothing here panics: a thread that cannot start costs the
//! one connection it was for, an accept that fails (no file descriptor left) is retried shortly.
//!
//! Why not an HTTP server crate: `serve` needs a handful of things (GET and HEAD of files, a
//! redirect, one event stream) and the bounds above. tiny_http, the usual small choice, spawns a
//! thread whenever all of its threads are busy (no cap) and applies its timeouts per read, so it
//! would need the same guards around it; hyper or axum bring an async runtime for this one loop.
//! mio is already built for `notify` (the file watcher), so the loop costs no new crate.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};

use super::http;
use super::state::Shared;

/// Connections still sending their request head; past that, the oldest is dropped.
pub const PENDING: usize = 256;
/// A request head must be complete this long after the connection was accepted.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// The largest request head (request line and headers) read; a longer one gets `431`.
pub const HEAD_BYTES: usize = 16 * 1024;
/// Threads answering requests for files.
pub const WORKERS: usize = 8;
/// Requests waiting for a worker; past that, `503`.
pub const QUEUE: usize = 64;
/// Open live-reload event streams (one per open page); past that, `503`.
pub const EVENT_STREAMS: usize = 32;

const LISTENER: Token = Token(0);
/// How long to wait before accepting again after an accept failed for want of resources.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// A request whose head has been read, for a worker.
struct Request {
    stream: std::net::TcpStream,
    method: String,
    target: String,
}

/// A connection still sending its head.
struct Pending {
    stream: TcpStream,
    head: Vec<u8>,
    deadline: Instant,
    /// Refused (`431`): what else it sends is read and thrown away until it closes or the
    /// deadline comes, so that the close does not reset the connection before the client has
    /// read the answer.
    draining: bool,
}

/// Start the workers and the accepting thread. `Err` only when no thread at all could start.
pub fn start(listener: TcpListener, shared: Arc<Shared>) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let mut listener = mio::net::TcpListener::from_std(listener);
    let poll = Poll::new()?;
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE)?;
    let (tx, rx) = mpsc::sync_channel::<Request>(QUEUE);
    let rx = Arc::new(Mutex::new(rx));
    let mut workers = 0;
    for i in 0..WORKERS {
        let (rx, shared) = (Arc::clone(&rx), Arc::clone(&shared));
        if thread::Builder::new().name(format!("serve-worker-{i}")).spawn(move || work(&rx, &shared)).is_ok() {
            workers += 1;
        }
    }
    if workers == 0 {
        return Err(io::Error::other("no worker thread could start"));
    }
    let mut acceptor = Acceptor {
        poll,
        listener,
        pending: BTreeMap::new(),
        next: 1,
        retry_accept: None,
        queue: tx,
        shared,
        streams: Arc::new(AtomicUsize::new(0)),
    };
    thread::Builder::new().name("serve-accept".into()).spawn(move || acceptor.run())?;
    Ok(())
}

fn work(rx: &Mutex<Receiver<Request>>, shared: &Shared) {
    loop {
        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(r) = next else { return };
        // A panic would be a bug; it costs that one request, not the worker.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            http::respond(r.stream, &r.method, &r.target, shared)
        }));
    }
}

struct Acceptor {
    poll: Poll,
    listener: mio::net::TcpListener,
    /// By arrival: the first is the oldest, and the first to reach its deadline.
    pending: BTreeMap<usize, Pending>,
    next: usize,
    retry_accept: Option<Instant>,
    queue: SyncSender<Request>,
    shared: Arc<Shared>,
    /// Event streams open now.
    streams: Arc<AtomicUsize>,
}

impl Acceptor {
    fn run(&mut self) {
        let mut events = Events::with_capacity(256);
        loop {
            let now = Instant::now();
            let wake = self.pending.values().next().map(|p| p.deadline).into_iter().chain(self.retry_accept).min();
            let timeout = wake.map(|w| w.saturating_duration_since(now));
            if let Err(e) = self.poll.poll(&mut events, timeout) {
                if e.kind() != io::ErrorKind::Interrupted {
                    thread::sleep(ACCEPT_RETRY);
                }
                continue;
            }
            let mut accept = self.retry_accept.is_some_and(|t| t <= Instant::now());
            for event in events.iter() {
                match event.token() {
                    LISTENER => accept = true,
                    Token(id) => self.read(id),
                }
            }
            if accept {
                self.accept();
            }
            let now = Instant::now();
            while self.pending.first_key_value().is_some_and(|(_, p)| p.deadline <= now) {
                if let Some((_, late)) = self.pending.pop_first() {
                    self.close(late);
                }
            }
        }
    }

    /// Accept every waiting connection (readiness is reported once per burst).
    fn accept(&mut self) {
        self.retry_accept = None;
        loop {
            match self.listener.accept() {
                Ok((mut stream, _)) => {
                    if self.pending.len() >= PENDING {
                        if let Some((_, oldest)) = self.pending.pop_first() {
                            self.close(oldest);
                        }
                    }
                    let id = self.next;
                    self.next += 1;
                    if self.poll.registry().register(&mut stream, Token(id), Interest::READABLE).is_ok() {
                        let deadline = Instant::now() + HEAD_DEADLINE;
                        self.pending.insert(id, Pending { stream, head: Vec::new(), deadline, draining: false });
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted) => {}
                Err(_) => {
                    // Out of file descriptors or memory: the connection waits in the backlog.
                    self.retry_accept = Some(Instant::now() + ACCEPT_RETRY);
                    return;
                }
            }
        }
    }

    /// Read what connection `id` has sent; once its head is complete, pass it on.
    fn read(&mut self, id: usize) {
        let Some(p) = self.pending.get_mut(&id) else { return };
        let mut chunk = [0u8; 4096];
        // Readiness is reported once per arrival: read until the socket has nothing more.
        let end = loop {
            match p.stream.read(&mut chunk) {
                Ok(0) => break None,
                Ok(_) if p.draining => {}
                Ok(n) => {
                    let from = p.head.len();
                    p.head.extend_from_slice(&chunk[..n]);
                    match http::head_end(&p.head, from) {
                        Some(end) if end <= HEAD_BYTES => break Some(end),
                        _ if p.head.len() > HEAD_BYTES => {
                            refuse(&p.stream, "431 Request Header Fields Too Large", "request head too large");
                            let _ = p.stream.shutdown(std::net::Shutdown::Write);
                            p.draining = true;
                            p.head = Vec::new();
                        }
                        _ => {}
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break None,
            }
        };
        let Some(mut p) = self.pending.remove(&id) else { return };
        let _ = self.poll.registry().deregister(&mut p.stream);
        if let Some(end) = end {
            self.dispatch(p.stream, &p.head[..end]);
        }
    }

    fn close(&mut self, mut p: Pending) {
        let _ = self.poll.registry().deregister(&mut p.stream);
    }

    /// A complete head: an event stream gets a thread of its own, any other request a worker.
    fn dispatch(&self, stream: TcpStream, head: &[u8]) {
        let Some((method, target)) = http::parse_head(head) else {
            return refuse(&stream, "400 Bad Request", "no request line");
        };
        if http::wants_events(&method, &target) {
            if self.streams.fetch_add(1, Ordering::SeqCst) >= EVENT_STREAMS {
                self.streams.fetch_sub(1, Ordering::SeqCst);
                let text = format!("{EVENT_STREAMS} pages are open already: close some to get live reload here");
                return refuse(&stream, "503 Service Unavailable", &text);
            }
            let slot = Slot(Arc::clone(&self.streams));
            let shared = Arc::clone(&self.shared);
            let Some(stream) = blocking(stream) else { return };
            // If the thread cannot start, the closure is dropped: the connection closes and the
            // slot is given back.
            let _ = thread::Builder::new().name("serve-events".into()).spawn(move || {
                let _slot = slot;
                http::respond(stream, &method, &target, &shared);
            });
            return;
        }
        let Some(stream) = blocking(stream) else { return };
        if let Err(TrySendError::Full(r) | TrySendError::Disconnected(r)) =
            self.queue.try_send(Request { stream, method, target })
        {
            let mut s = r.stream;
            if s.set_nonblocking(true).is_ok() {
                let _ = s.write(&http::refusal("503 Service Unavailable", "the server is busy: try again"));
            }
        }
    }
}

/// One event-stream place, given back when the stream ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The connection as a blocking std stream, for a thread that answers it.
fn blocking(stream: TcpStream) -> Option<std::net::TcpStream> {
    let stream = std::net::TcpStream::from(stream);
    stream.set_nonblocking(false).ok()?;
    Some(stream)
}

/// Answer with a short refusal and close, without waiting: a fresh connection's send buffer
/// always holds these few hundred bytes, and if it does not, the client gets the close alone.
fn refuse(mut stream: &TcpStream, status: &'static str, text: &str) {
    let _ = stream.write(&http::refusal(status, text));
}

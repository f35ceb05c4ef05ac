//! Driving a real `healthkb serve` process: start it on a free port, make plain HTTP/1.0
//! requests to it, and listen to its live-reload events. Every wait has a deadline.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any one wait may take.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A running `healthkb serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// What the server printed on stdout after its first line.
    stdout: Mutex<Receiver<String>>,
    /// Everything printed on stderr so far.
    pub stderr: Arc<Mutex<String>>,
}

/// An HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Raw header block.
    pub headers: String,
    /// Body as text (lossy).
    pub body: String,
}

impl Server {
    /// Starts `healthkb --root ROOT serve --port 0 ARGS` and waits for its address.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_healthkb"))
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start healthkb serve");
        let (lines, stdout) = channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap_or_else(|e| e.into_inner());
                s.push_str(&line);
                s.push('\n');
            }
        });
        let started = Instant::now();
        let address = loop {
            let line = stdout
                .recv_timeout(DEADLINE.saturating_sub(started.elapsed()))
                .expect("serve prints its address");
            if let Some(rest) = line.split("serving at http://").nth(1) {
                break rest.split('/').next().unwrap_or_default().to_string();
            }
        };
        Server {
            child,
            address,
            stdout: Mutex::new(stdout),
            stderr,
        }
    }

    /// A GET request for `path`, sent exactly as given.
    pub fn get(&self, path: &str) -> Response {
        self.raw(&format!(
            "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.address
        ))
    }

    /// Sends `request` as it is and reads the whole response.
    pub fn raw(&self, request: &str) -> Response {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(DEADLINE)).expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read response");
        parse(&bytes)
    }

    /// Polls `path` until `check` accepts the response.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let r = self.get(path);
            if check(&r) {
                return r;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "timed out waiting for {path} to {what}; last: {} {}\nstderr:\n{}",
                r.status,
                r.body.chars().take(300).collect::<String>(),
                self.stderr_text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        let request = format!(
            "GET /__livereload HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.address
        );
        stream.write_all(request.as_bytes()).expect("send");
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event:") {
                    event = name.trim().to_string();
                } else if let Some(data) = line.strip_prefix("data:")
                    && sender
                        .send((event.clone(), data.trim().to_string()))
                        .is_err()
                {
                    return;
                }
            }
        });
        Events { receiver }
    }

    /// The next line the server prints on stdout.
    pub fn next_line(&self) -> String {
        self.stdout
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .recv_timeout(DEADLINE)
            .expect("a line on stdout")
    }

    /// CPU time the server has used so far, in clock ticks (Linux `/proc`).
    pub fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .expect("read /proc stat");
        let after_name = stat.rsplit(')').next().unwrap_or_default();
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0)
    }

    /// What the server printed on stderr so far.
    pub fn stderr_text(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Live-reload events as (name, JSON data).
pub struct Events {
    receiver: Receiver<(String, String)>,
}

impl Events {
    /// Waits for an event called `name` whose data contains `text`; skips others.
    pub fn expect(&self, name: &str, text: &str) -> String {
        let started = Instant::now();
        loop {
            match self
                .receiver
                .recv_timeout(DEADLINE.saturating_sub(started.elapsed()))
            {
                Ok((event, data)) if event == name && data.contains(text) => return data,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no `{name}` event containing `{text}` in time")
                }
                Err(RecvTimeoutError::Disconnected) => panic!("the event stream closed"),
            }
        }
    }
}

fn parse(bytes: &[u8]) -> Response {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head.to_string(),
        body: body.to_string(),
    }
}

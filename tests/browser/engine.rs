//! The three browser engines the suite runs in, each through its own WebDriver server: Chromium (Debian's
//! `chromium` and `chromedriver`), Firefox (Debian's `firefox-esr` and `geckodriver` from crates.io) and WebKit
//! (Debian's `webkit2gtk-driver`, whose `WebKitWebDriver` drives WebKitGTK's MiniBrowser under `Xvfb`).
//!
//! Each driver holds one session at a time, so each engine gets its own driver process, started here and stopped
//! when its [`Session`] is dropped. A missing engine is a failure that names the command that installs it.

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const FIREFOX: &str = "/usr/bin/firefox-esr";
const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
const XVFB: &str = "/usr/bin/Xvfb";
/// Where Debian puts WebKitGTK's MiniBrowser (`webkit2gtk-driver` depends on the library that ships it).
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
/// The size every engine's window is given, so that the playground's screenshots show every row.
const WINDOW: (u32, u32) = (1280, 1500);

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The name the suite's summary line starts with.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    fn driver(self) -> PathBuf {
        match self {
            Engine::Chromium => CHROMEDRIVER.into(),
            Engine::Firefox => geckodriver(),
            Engine::Webkit => WEBKIT_DRIVER.into(),
        }
    }

    /// Fails, with the command that installs them, when the engine's browser or driver is missing.
    pub fn require(self) {
        let (needed, install): (Vec<PathBuf>, &str) = match self {
            Engine::Chromium => (
                vec![CHROMIUM.into(), CHROMEDRIVER.into()],
                "apt-get install -y chromium chromium-driver",
            ),
            Engine::Firefox => (
                vec![FIREFOX.into(), geckodriver()],
                "apt-get install -y firefox-esr && cargo install geckodriver --locked",
            ),
            Engine::Webkit => (
                vec![WEBKIT_DRIVER.into(), MINIBROWSER.into(), XVFB.into()],
                "apt-get install -y webkit2gtk-driver xvfb",
            ),
        };
        let missing: Vec<_> = needed.iter().filter(|p| !p.exists()).collect();
        assert!(
            missing.is_empty(),
            "{}: the browser tests need {missing:?}: run `{install}` (scripts/test does it)",
            self.name()
        );
    }

    fn capabilities(self, profile: &Path) -> Value {
        match self {
            Engine::Chromium => json!({
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    // Without the background-networking flags Chromium keeps calling hosts this closed network refuses.
                    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             format!("--window-size={},{}", WINDOW.0, WINDOW.1),
                             format!("--user-data-dir={}", profile.display())]
                }
            }),
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": FIREFOX,
                    "args": ["-headless", "-profile", profile.display().to_string(),
                             "-width", WINDOW.0.to_string(), "-height", WINDOW.1.to_string()],
                    // No calls to hosts this closed network refuses.
                    "prefs": {
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "app.update.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "toolkit.telemetry.enabled": false,
                        "extensions.update.enabled": false
                    }
                }
            }),
            Engine::Webkit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": { "binary": MINIBROWSER, "args": ["--automation"] }
            }),
        }
    }

    /// Starts the engine's driver (and, for WebKit, a display) and opens a session.
    pub async fn start(self) -> Session {
        self.require();
        let profile = TempDir::new(self.name());
        let display = (self == Engine::Webkit).then(Xvfb::start);
        let port = super::free_port();
        let mut command = Command::new(self.driver());
        match self {
            Engine::Firefox => command.args(["--port", &port.to_string(), "--host", "127.0.0.1"]),
            _ => command.arg(format!("--port={port}")),
        };
        if let Some(display) = &display {
            command.env("DISPLAY", &display.name);
        }
        let driver = Process(
            command
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("{}: start {:?}: {e}", self.name(), self.driver())),
        );
        let capabilities = self.capabilities(&profile.0);
        let capabilities = capabilities.as_object().unwrap().clone();
        let url = format!("http://127.0.0.1:{port}");
        let mut last = None;
        // Session creation can hang (WebKit without a display): every attempt has a deadline.
        for _ in 0..60 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let mut builder = ClientBuilder::new(connector);
            builder.capabilities(capabilities.clone());
            match tokio::time::timeout(Duration::from_secs(30), builder.connect(&url)).await {
                Ok(Ok(client)) => {
                    // Each engine's window, the same size (Chromium's is set by its flag already).
                    let _ = client.set_window_size(WINDOW.0, WINDOW.1).await;
                    return Session {
                        client,
                        _driver: driver,
                        _display: display,
                        _profile: profile,
                    };
                }
                Ok(Err(e)) => last = Some(format!("{e}")),
                Err(_) => last = Some("no session after 30 s".to_owned()),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!(
            "{}: could not open a WebDriver session: {last:?}",
            self.name()
        );
    }
}

/// `geckodriver` from `PATH`, or where `cargo install` puts it.
fn geckodriver() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("geckodriver"))
            .find(|p| p.exists())
    });
    on_path.unwrap_or_else(|| {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .unwrap_or_default();
        cargo_home.join("bin/geckodriver")
    })
}

/// An engine's open session, its driver, and what they need; all stopped and removed on drop.
pub struct Session {
    pub client: Client,
    _driver: Process,
    _display: Option<Xvfb>,
    _profile: TempDir,
}

/// A child process, killed when dropped, pass or fail.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A virtual display for WebKit, which has no headless mode.
struct Xvfb {
    name: String,
    _process: Process,
}

impl Xvfb {
    fn start() -> Xvfb {
        // A display number no other X server of this machine uses: its socket does not exist yet.
        let number = (90..200)
            .map(|n| n + (std::process::id() % 50))
            .find(|n| !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists())
            .expect("a free X display number");
        let process = Process(
            Command::new(XVFB)
                .args([
                    format!(":{number}"),
                    "-screen".into(),
                    "0".into(),
                    format!("{}x{}x24", WINDOW.0, WINDOW.1 + 100),
                    "-nolisten".into(),
                    "tcp".into(),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb"),
        );
        let socket = format!("/tmp/.X11-unix/X{number}");
        for _ in 0..100 {
            if Path::new(&socket).exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(Path::new(&socket).exists(), "Xvfb :{number} did not start");
        Xvfb {
            name: format!(":{number}"),
            _process: process,
        }
    }
}

/// A fresh browser profile, removed afterwards.
struct TempDir(PathBuf);

impl TempDir {
    fn new(engine: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "cors-browser-{engine}-{}-{}",
            std::process::id(),
            super::free_port()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

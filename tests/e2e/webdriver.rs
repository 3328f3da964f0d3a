//! A small WebDriver client: the W3C protocol's JSON over HTTP, the few commands the tests use,
//! and waits that poll a condition until a deadline.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use serde_json::{Value, json};

/// The key of an element reference in WebDriver's JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How often waits look again.
const POLL: Duration = Duration::from_millis(100);

/// JSON requests to one WebDriver server.
#[derive(Clone)]
pub struct Http {
    base: String,
    agent: ureq::Agent,
}

impl Http {
    pub fn new(base: String) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        Self { base, agent }
    }

    pub fn get(&self, path: &str) -> Result<Value> {
        let response = self.agent.get(format!("{}{path}", self.base)).call();
        Self::value(path, response)
    }

    pub fn post(&self, path: &str, body: &Value) -> Result<Value> {
        let response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .send(body.to_string());
        Self::value(path, response)
    }

    pub fn delete(&self, path: &str) -> Result<Value> {
        let response = self.agent.delete(format!("{}{path}", self.base)).call();
        Self::value(path, response)
    }

    /// The `value` of a reply, or the WebDriver error it carries.
    fn value(
        path: &str,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Value> {
        let mut response = response.with_context(|| format!("WebDriver request {path}"))?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()?;
        let reply: Value = serde_json::from_str(&text)
            .with_context(|| format!("WebDriver {path} answered no JSON: {text}"))?;
        let value = reply.get("value").cloned().unwrap_or(Value::Null);
        if !status.is_success() {
            bail!(
                "WebDriver {path}: {} ({})",
                value["error"].as_str().unwrap_or("error"),
                value["message"].as_str().unwrap_or(&text)
            );
        }
        Ok(value)
    }
}

/// One WebDriver session: one run of the app, in one window. Deleting it (on drop) closes
/// the app.
pub struct Session {
    http: Http,
    id: String,
}

/// An element of the page.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Session {
    pub fn new(http: Http, application: &Path) -> Result<Self> {
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": { "application": application },
                }
            }
        });
        let value = http.post("/session", &capabilities)?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| anyhow!("no session id in {value}"))?
            .to_string();
        Ok(Self { http, id })
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    /// Every element matching an XPath expression, now.
    pub fn find_all(&self, xpath: &str) -> Result<Vec<Element>> {
        let found = self.http.post(
            &self.path("/elements"),
            &json!({ "using": "xpath", "value": xpath }),
        )?;
        found
            .as_array()
            .ok_or_else(|| anyhow!("no list of elements: {found}"))?
            .iter()
            .map(|e| {
                e[ELEMENT]
                    .as_str()
                    .map(|id| Element(id.to_string()))
                    .ok_or_else(|| anyhow!("not an element: {e}"))
            })
            .collect()
    }

    /// Waits until `xpath` matches an element, and returns the first one.
    pub fn wait_for(&self, xpath: &str, timeout: Duration) -> Result<Element> {
        let mut found = None;
        self.wait_until(&format!("an element at {xpath}"), timeout, || {
            found = self.find_all(xpath)?.into_iter().next();
            Ok(found.is_some())
        })?;
        found.ok_or_else(|| anyhow!("{xpath} vanished"))
    }

    /// Polls `condition` until it holds; fails after `timeout`, naming `what` it waited for.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut condition: impl FnMut() -> Result<bool>,
    ) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if condition()? {
                return Ok(());
            }
            if Instant::now() > deadline {
                let body = self.text_of_page().unwrap_or_default();
                bail!("waited {timeout:?} for {what}; the page reads:\n{body}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Clicks the element once it stays where it is: WebDriver clicks at a point on the
    /// screen, and a panel still loading above a button moves it (the click would land on
    /// whatever comes there instead).
    pub fn click(&self, element: &Element) -> Result<()> {
        let mut last = Value::Null;
        self.wait_until(
            "the element to stop moving",
            Duration::from_secs(10),
            || {
                let rect = self.script(
                    "const r = arguments[0].getBoundingClientRect(); \
                 return [r.x, r.y, r.width, r.height, window.scrollX, window.scrollY];",
                    &[self.reference(element)],
                )?;
                let settled = rect == last;
                last = rect;
                Ok(settled)
            },
        )?;
        self.http.post(
            &self.path(&format!("/element/{}/click", element.0)),
            &json!({}),
        )?;
        Ok(())
    }

    /// Types `text` into a field, as keystrokes.
    pub fn type_into(&self, element: &Element, text: &str) -> Result<()> {
        self.http.post(
            &self.path(&format!("/element/{}/value", element.0)),
            &json!({ "text": text }),
        )?;
        Ok(())
    }

    /// Sets an input's value the way a date or time picker does, and fires `input` and
    /// `change`: keystrokes into WebKitGTK's date fields depend on the locale's format.
    pub fn pick(&self, element: &Element, value: &str) -> Result<()> {
        self.script(
            "const [e, v] = arguments; e.focus(); e.value = v; \
             e.dispatchEvent(new Event('input', { bubbles: true })); \
             e.dispatchEvent(new Event('change', { bubbles: true }));",
            &[self.reference(element), json!(value)],
        )?;
        Ok(())
    }

    /// Chooses the option of a `<select>` whose label contains `label`.
    pub fn select(&self, select: &Element, label: &str) -> Result<()> {
        let option = self.script(
            "const [s, label] = arguments; \
             const o = [...s.options].find(o => o.textContent.includes(label)); \
             if (!o) { return null; } \
             s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); \
             return o.value;",
            &[self.reference(select), json!(label)],
        )?;
        if option.is_null() {
            bail!("no option reading {label:?} in the select");
        }
        Ok(())
    }

    /// The element's current `value` (what a field holds).
    pub fn value_of(&self, element: &Element) -> Result<String> {
        let value = self.script("return arguments[0].value;", &[self.reference(element)])?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Whether the element is disabled (buttons wait for their form to be complete).
    pub fn is_enabled(&self, element: &Element) -> Result<bool> {
        let value = self
            .http
            .get(&self.path(&format!("/element/{}/enabled", element.0)))?;
        Ok(value.as_bool().unwrap_or(false))
    }

    /// The element's visible text.
    pub fn text_of(&self, element: &Element) -> Result<String> {
        let text = self
            .http
            .get(&self.path(&format!("/element/{}/text", element.0)))?;
        Ok(text.as_str().unwrap_or_default().to_string())
    }

    /// Today's date in the page's time zone, as a date input takes it (`YYYY-MM-DD`).
    pub fn today(&self) -> Result<String> {
        let today = self.script(
            "const d = new Date(); \
             return [d.getFullYear(), d.getMonth() + 1, d.getDate()] \
               .map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-');",
            &[],
        )?;
        Ok(today.as_str().unwrap_or_default().to_string())
    }

    /// The text the page shows.
    pub fn text_of_page(&self) -> Result<String> {
        let body = self.script("return document.body.innerText;", &[])?;
        Ok(body.as_str().unwrap_or_default().to_string())
    }

    /// Scrolls the page so that the element is in the middle of the window.
    pub fn scroll_to(&self, element: &Element) -> Result<()> {
        self.script(
            "arguments[0].scrollIntoView({ block: 'center' });",
            &[self.reference(element)],
        )?;
        Ok(())
    }

    /// Saves a PNG of the window.
    pub fn screenshot(&self, file: &Path) -> Result<()> {
        let encoded = self.http.get(&self.path("/screenshot"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or_default())
            .context("the screenshot is base64")?;
        std::fs::write(file, png).with_context(|| format!("writing {}", file.display()))
    }

    fn script(&self, script: &str, args: &[Value]) -> Result<Value> {
        self.http.post(
            &self.path("/execute/sync"),
            &json!({ "script": script, "args": args }),
        )
    }

    fn reference(&self, element: &Element) -> Value {
        json!({ ELEMENT: element.0 })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.http.delete(&self.path(""));
    }
}

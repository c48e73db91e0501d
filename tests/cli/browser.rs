//! The site in a real browser: Debian's `chromium`, headless, driven over the DevTools
//! protocol (headless_chrome with the system binary, never a downloaded one), loading
//! the pages from `file://`. For each page, at 1280 and at 390 px wide: no console
//! errors, no broken links or images, no text overflowing its box, the right-to-left
//! layout holding (a table's first column on the right), every chart with a text
//! alternative, and text colour contrast at WCAG AA (4.5:1, 3:1 for large text). The
//! search page is typed into and finds a name written with Arabic letter forms.
//!
//! Without a browser the tests print a loud SKIPPED line and return, except in CI
//! (`CI=true`), where a missing browser fails: `.ci/run` installs `chromium`.
//!
//! `DABIR_SCREENSHOTS=DIR cargo test --test cli browser` also writes the screenshots the
//! README shows (`docs/`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};

use crate::common::*;

/// The browser binary: `DABIR_CHROMIUM`, else the first of Debian's names on `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DABIR_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// The browser, or `None` (after a loud message) when there is none outside CI.
fn browser(profile: &Path) -> Option<Browser> {
    let Some(path) = chromium() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and no chromium on PATH: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!(
            "\n*** SKIPPED: no chromium on PATH; the browser tests did not run (apt-get install chromium) ***\n"
        );
        return None;
    };
    let args: Vec<&OsStr> = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let opts = LaunchOptions {
        headless: true,
        sandbox: false,
        path: Some(path),
        user_data_dir: Some(profile.to_path_buf()),
        window_size: Some((1280, 900)),
        args,
        idle_browser_timeout: Duration::from_secs(300),
        ..LaunchOptions::default()
    };
    Some(Browser::new(opts).expect("chromium starts"))
}

fn set_width(tab: &Tab, width: u32) {
    set_size(tab, width, 900);
}

fn set_size(tab: &Tab, width: u32, height: u32) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("set the viewport");
}

/// Console errors, uncaught exceptions and failed loads the browser reported.
fn listen(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = errors.clone();
    tab.enable_log().expect("log domain");
    tab.enable_runtime().expect("runtime domain");
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let msg = match event {
            Event::LogEntryAdded(e) => {
                let level = format!("{:?}", e.params.entry.level);
                (level == "Error").then(|| format!("log: {}", e.params.entry.text))
            }
            Event::RuntimeConsoleAPICalled(e) => {
                let kind = format!("{:?}", e.params.Type);
                (kind == "Error" || kind == "Assert")
                    .then(|| format!("console.{kind}: {:?}", e.params.args))
            }
            Event::RuntimeExceptionThrown(e) => {
                Some(format!("exception: {}", e.params.exception_details.text))
            }
            _ => None,
        };
        if let Some(m) = msg {
            sink.lock().unwrap().push(m);
        }
    }))
    .expect("listener");
    errors
}

/// What the page checks itself: returns a JSON list of problems, and the links, images,
/// stylesheets and scripts it refers to (resolved URLs).
const PAGE_CHECKS: &str = r##"(() => {
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "") + " «" + (el.textContent || "").trim().slice(0, 40) + "»";
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth + 1) problems.push("the page is wider than the window: " + de.scrollWidth + " > " + de.clientWidth);
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") || el.closest("head")) continue;
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.display === "inline" || cs.visibility === "hidden") continue;
    if (cs.overflowX === "visible" && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      problems.push("overflows its box (" + el.scrollWidth + " > " + el.clientWidth + "): " + name(el));
  }
  // Right to left: a table's first column stands right of its second.
  const rtl = de.getAttribute("dir") === "rtl";
  for (const row of document.querySelectorAll("thead tr")) {
    const cells = row.children;
    if (cells.length < 2) continue;
    const a = cells[0].getBoundingClientRect(), b = cells[1].getBoundingClientRect();
    if (rtl ? !(a.left > b.left) : !(a.left < b.left)) problems.push("column order does not follow dir=" + de.getAttribute("dir") + ": " + name(row));
  }
  // Charts: an image with a name, a title and a description, and their numbers.
  for (const svg of document.querySelectorAll("svg")) {
    const ids = (svg.getAttribute("aria-labelledby") || "").split(" ").filter(x => x);
    const label = ids.map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim() || svg.getAttribute("aria-label") || "";
    if (svg.getAttribute("role") !== "img" || !label || !svg.querySelector("title") || !svg.querySelector("desc"))
      problems.push("a chart without a text alternative: " + name(svg));
    const fig = svg.closest("figure");
    if (!fig || !fig.querySelector("details table")) problems.push("a chart without its numbers as a table: " + name(svg));
  }
  // Images load.
  for (const img of document.images) if (!img.complete || img.naturalWidth === 0) problems.push("broken image: " + img.src);
  // Contrast of every text against the background behind it.
  const rgb = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(",").map(x => parseFloat(x)); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  let checked = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.visibility === "hidden") continue;
    const inSvg = el.closest("svg") !== null;
    if (inSvg && el.closest("title, desc")) continue;
    const fg = rgb(inSvg ? cs.fill : cs.color);
    if (!fg) continue;
    const bg = background(inSvg ? el.closest("svg") : el);
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    checked++;
    if (ratio < need) problems.push("contrast " + ratio.toFixed(2) + " < " + need + ": " + name(el));
  }
  if (checked === 0) problems.push("no text was checked for contrast");
  const refs = [];
  for (const a of document.querySelectorAll("a[href]")) refs.push(a.href);
  for (const l of document.querySelectorAll("link[href]")) refs.push(l.href);
  for (const s of document.querySelectorAll("script[src]")) refs.push(s.src);
  for (const i of document.images) refs.push(i.src);
  return JSON.stringify({ problems, refs, dir: de.getAttribute("dir") });
})()"##;

/// The file a `file://` URL names (query and fragment dropped, `%XX` decoded).
fn file_of(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file://")?;
    let rest = rest.split(['#', '?']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&rest[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

/// Load `page` at each width and collect every problem, prefixed with where.
fn check_page(
    tab: &Tab,
    errors: &Mutex<Vec<String>>,
    site: &Path,
    page: &str,
    dir: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    for width in [1280, 390] {
        set_width(tab, width);
        errors.lock().unwrap().clear();
        let url = format!("file://{}", site.join(page).display());
        tab.navigate_to(&url).expect("navigate");
        tab.wait_until_navigated().expect("loaded");
        let v = tab.evaluate(PAGE_CHECKS, false).expect("checks run");
        let text = v
            .value
            .and_then(|v| v.as_str().map(str::to_string))
            .expect("a JSON string");
        let r: serde_json::Value = serde_json::from_str(&text).unwrap();
        let at = |m: &str| format!("{page} @{width}px: {m}");
        assert_eq!(r["dir"], dir, "{page}");
        for p in r["problems"].as_array().unwrap() {
            problems.push(at(p.as_str().unwrap()));
        }
        for link in r["refs"].as_array().unwrap() {
            let link = link.as_str().unwrap();
            match file_of(link) {
                Some(f) if f.is_file() => {}
                _ => problems.push(at(&format!("broken link: {link}"))),
            }
        }
        std::thread::sleep(Duration::from_millis(100));
        for e in errors.lock().unwrap().iter() {
            problems.push(at(e));
        }
    }
    problems
}

/// Every `href`/`src` of every page of the site, checked on disk: the pages the browser
/// does not visit link nothing broken either.
fn static_links(site: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    let mut pages: Vec<PathBuf> = Vec::new();
    for d in [site.to_path_buf(), site.join("r")] {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "html") {
                pages.push(p);
            }
        }
    }
    for p in pages {
        let text = std::fs::read_to_string(&p).unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in text.split(attr).skip(1) {
                let target = part.split('"').next().unwrap();
                let target = target.split(['#', '?']).next().unwrap();
                if target.is_empty() || target.contains("://") {
                    continue;
                }
                if !p.parent().unwrap().join(target).is_file() {
                    bad.push(format!("{}: {target}", p.display()));
                }
            }
        }
    }
    bad
}

/// The site of the sample in a temporary folder.
fn sample_site(env: &TestEnv, extra: &[&str]) -> PathBuf {
    let dir = super::site::sample_repo(env);
    let out = env.path().join(format!("site{}", extra.join("")));
    let mut args = vec![
        "-C",
        dir.to_str().unwrap(),
        "--as-of",
        "1404-09-15",
        "site",
        "-o",
    ];
    args.push(out.to_str().unwrap());
    args.extend_from_slice(extra);
    let r = env.run(&args);
    assert_eq!(r.code, 0, "{}", r.transcript());
    out
}

const PAGES: [&str; 14] = [
    "index.html",
    "findings-ESF.html",
    "brief-ESF.html",
    "search.html",
    "list-ESF-decision.html",
    "list-ESF-meeting.html",
    "r/ESF-PC.html",
    "r/ESF-PC-1403-02.html",
    "r/ESF-PC-1403-02-D3.html",
    "r/ESF-CL-GOLAB.html",
    "r/ESF-PL-GOLAB-1403.html",
    "r/ESF-CL-GOLAB-1404-Q1.html",
    "r/ESF-P-001.html",
    "r/ESF-B-SMT.html",
];

fn check_site(lang_args: &[&str], dir: &str) {
    let env = TestEnv::new();
    let site = sample_site(&env, lang_args);
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = browser(profile.path()) else {
        return;
    };
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(Duration::from_secs(60));
    let errors = listen(&tab);
    let mut problems = static_links(&site);
    for page in PAGES {
        problems.extend(check_page(&tab, &errors, &site, page, dir));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );

    // Search: a name typed with Arabic yeh and kaf finds the Persian record.
    set_width(&tab, 1280);
    let url = format!(
        "file://{}?q={}",
        site.join("search.html").display(),
        "عرقيات"
    );
    tab.navigate_to(&url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
    let found = tab
        .evaluate("document.querySelectorAll('#results a').length + ' ' + document.getElementById('results').textContent", false)
        .expect("evaluate")
        .value
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    assert!(found.contains("ESF-CL-GOLAB"), "search found: {found}");

    if let Some(out) = std::env::var_os("DABIR_SCREENSHOTS") {
        let out = PathBuf::from(out);
        std::fs::create_dir_all(&out).unwrap();
        let suffix = if dir == "rtl" { "" } else { "-en" };
        for (page, name, width, height) in [
            ("index.html", "overview", 1280, 1700),
            ("r/ESF-PC-1403-02.html", "meeting", 1280, 1500),
            ("index.html", "overview-390", 390, 1600),
        ] {
            set_size(&tab, width, height);
            let url = format!("file://{}", site.join(page).display());
            tab.navigate_to(&url)
                .unwrap()
                .wait_until_navigated()
                .unwrap();
            let png = tab
                .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
                .expect("screenshot");
            std::fs::write(out.join(format!("site-{name}{suffix}.png")), png).unwrap();
        }
    }
}

#[test]
fn browser_persian_site_holds_in_chromium() {
    check_site(&[], "rtl");
}

#[test]
fn browser_english_site_holds_in_chromium() {
    check_site(&["--lang", "en"], "ltr");
}

/// The checks catch what they are there for: a page with a console error, a broken link,
/// a box its text overflows, a right-to-left table laid out left to right, a chart
/// without a text alternative and grey-on-white text each give their problem.
#[test]
fn browser_checks_catch_a_bad_page() {
    let env = TestEnv::new();
    let site = env.path().join("bad");
    write(&site, "style.css", "body { margin: 0; }");
    write(
        &site,
        "bad.html",
        r##"<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<link rel="stylesheet" href="style.css"></head><body>
<p style="width: 100px; white-space: nowrap">ESF-PC-1403-02-D3 ESF-PC-1403-02-D4 ESF-PC-1403-02-D5</p>
<p style="color: #bbbbbb">کم‌رنگ</p>
<a href="r/missing.html">گم</a>
<table dir="ltr"><thead><tr><th>اول</th><th>دوم</th></tr></thead></table>
<figure><svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg></figure>
<script>console.error("boom");</script>
</body></html>"##,
    );
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = browser(profile.path()) else {
        return;
    };
    let tab = browser.new_tab().expect("a tab");
    let errors = listen(&tab);
    let problems = check_page(&tab, &errors, &site, "bad.html", "rtl").join("\n");
    for expected in [
        "overflows its box",
        "contrast",
        "broken link",
        "column order does not follow dir=rtl",
        "a chart without a text alternative",
        "a chart without its numbers as a table",
        "boom",
    ] {
        assert!(
            problems.contains(expected),
            "{expected} not reported in:\n{problems}"
        );
    }
    assert!(
        static_links(&site)
            .iter()
            .any(|l| l.contains("r/missing.html"))
    );
}

//! `dabir calendar`: an RFC 5545 file read back with an independent parser (the `ical`
//! crate): every meeting, every open decision's deadline, every report due and every
//! supervisor's end is an all-day event with a stable UID, the Solar Hijri date in words
//! and digits and the record id in its description; lines are CRLF-ended and folded at
//! 75 octets.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;

const AS_OF: &str = "1404-09-15";

fn calendar(env: &TestEnv, dir: &Path, extra: &[&str]) -> String {
    let out = env.path().join("c.ics");
    let mut args = vec![
        "-C",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "calendar",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = env.run(&args);
    assert_eq!(r.code, 0, "{}", r.transcript());
    std::fs::read_to_string(out).unwrap()
}

type Event = std::collections::BTreeMap<String, (String, String)>;

/// Events as name -> (parameters, value), parsed by `ical`.
fn parse(text: &str) -> Vec<Event> {
    let mut cals = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = cals
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(cals.next().is_none());
    let version = cal.properties.iter().find(|p| p.name == "VERSION").unwrap();
    assert_eq!(version.value.as_deref(), Some("2.0"));
    cal.events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    let params = format!("{:?}", p.params.clone().unwrap_or_default());
                    (
                        p.name.clone(),
                        (params, p.value.clone().unwrap_or_default()),
                    )
                })
                .collect()
        })
        .collect()
}

fn records(dir: &Path, folder: &str) -> Vec<String> {
    let mut out = Vec::new();
    for y in std::fs::read_dir(dir.join(folder)).unwrap() {
        for f in std::fs::read_dir(y.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            out.push(std::fs::read_to_string(p).unwrap());
        }
    }
    out
}

#[test]
fn the_calendar_parses_and_holds_every_meeting_deadline_report_and_supervisor() {
    let env = TestEnv::new();
    let dir = env.copy_of(&sample(), "province");
    let text = calendar(&env, &dir, &[]);
    // RFC 5545: CRLF line ends, lines of at most 75 octets.
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let events = parse(&text);
    let uids: BTreeSet<&str> = events.iter().map(|e| e["UID"].1.as_str()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");

    // Every meeting of the sample.
    let meetings = records(&dir, "meetings");
    for m in &meetings {
        let id = m.lines().find_map(|l| l.strip_prefix("id: ")).unwrap();
        let date = m
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .unwrap()
            .trim_matches('"');
        let e = events
            .iter()
            .find(|e| e["UID"].1 == format!("{id}@dabir"))
            .unwrap_or_else(|| panic!("no event for {id}"));
        let desc = &e["DESCRIPTION"].1;
        assert!(desc.contains(id) && desc.contains(date), "{desc}");
        // All-day, on the Gregorian day of the Solar Hijri date.
        assert!(e["DTSTART"].0.contains("DATE"), "{:?}", e["DTSTART"]);
    }
    // ESF-PC-1403-02 was held on 1403-09-13 = 2024-12-03, in words ۱۳ آذر ۱۴۰۳.
    let e = events
        .iter()
        .find(|e| e["UID"].1 == "ESF-PC-1403-02@dabir")
        .unwrap();
    assert_eq!(e["DTSTART"].1, "20241203");
    assert_eq!(e["DTEND"].1, "20241204");
    assert!(
        e["DESCRIPTION"].1.contains("۱۳ آذر ۱۴۰۳"),
        "{}",
        e["DESCRIPTION"].1
    );

    // Every open decision with a deadline.
    for d in records(&dir, "decisions") {
        if !d.contains("status: open") {
            continue;
        }
        let Some(deadline) = d.lines().find_map(|l| l.strip_prefix("deadline: ")) else {
            continue;
        };
        let id = d.lines().find_map(|l| l.strip_prefix("id: ")).unwrap();
        let e = events
            .iter()
            .find(|e| e["UID"].1 == format!("{id}.deadline@dabir"))
            .unwrap_or_else(|| panic!("no deadline event for {id}"));
        assert!(e["DESCRIPTION"].1.contains(deadline.trim_matches('"')));
    }
    // The report due and the supervisors' ends.
    assert!(
        uids.contains("ESF-CL-GOLAB.report.1404-Q3@dabir"),
        "{uids:?}"
    );
    assert!(
        uids.contains("ESF-CL-GOLAB.supervisor.ESF-P-061.1404-10-08@dabir"),
        "{uids:?}"
    );

    // Stable: the same file again; and in English, the same UIDs.
    assert_eq!(calendar(&env, &dir, &[]), text);
    let en = parse(&calendar(&env, &dir, &["--lang", "en"]));
    let en_uids: BTreeSet<&str> = en.iter().map(|e| e["UID"].1.as_str()).collect();
    assert_eq!(en_uids, uids);
}

#[test]
fn one_committees_calendar() {
    let env = TestEnv::new();
    let dir = env.copy_of(&sample(), "province");
    let events = parse(&calendar(&env, &dir, &["--committee", "ESF-PC"]));
    assert!(!events.is_empty());
    for e in &events {
        let uid = &e["UID"].1;
        assert!(
            uid.starts_with("ESF-PC-") || uid.starts_with("ESF-CL-"),
            "{uid}"
        );
    }
    let r = env.run(&[
        "-C",
        dir.to_str().unwrap(),
        "calendar",
        "--committee",
        "ESF-NOPE",
    ]);
    assert_eq!(r.code, 2, "{}", r.transcript());
}

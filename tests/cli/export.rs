//! `dabir export`: the brief's follow-up tables as spreadsheets, read back with an
//! independent reader (calamine for xlsx, the csv crate for csv): a right-to-left sheet
//! with Persian headers, Solar Hijri dates as text, amounts and counts as numbers, and
//! the same rows `brief --format json` lists.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::common::*;

const AS_OF: &str = "1404-09-15";

fn province(env: &TestEnv) -> PathBuf {
    env.copy_of(&sample(), "province")
}

fn export(env: &TestEnv, dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = env.path().join("out.bin");
    let mut full = vec!["-C", dir.to_str().unwrap(), "--as-of", AS_OF, "export"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let r = env.run(&full);
    assert_eq!(r.code, 0, "{}", r.transcript());
    std::fs::read(out).unwrap()
}

fn sheet(bytes: &[u8]) -> (String, Vec<Vec<Data>>) {
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.len(), 1, "{names:?}");
    let range = wb.worksheet_range(&names[0]).unwrap();
    (names[0].clone(), range.rows().map(|r| r.to_vec()).collect())
}

/// The XML of the first sheet, from the zip container.
fn sheet_xml(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut s = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn brief(env: &TestEnv, dir: &Path) -> serde_json::Value {
    let r = env.run(&[
        "-C",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "brief",
        "--format",
        "json",
    ]);
    serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{}", r.transcript()))
}

#[test]
fn decisions_sheet_is_right_to_left_with_persian_headers_and_the_briefs_rows() {
    let env = TestEnv::new();
    let dir = province(&env);
    let bytes = export(&env, &dir, &["decisions"]);
    let (name, rows) = sheet(&bytes);
    assert_eq!(name, "مصوبات");
    assert!(sheet_xml(&bytes).contains("rightToLeft=\"1\""));
    assert_eq!(rows[0][0], Data::String("شناسه مصوبه".into()));
    assert_eq!(rows[0][4], Data::String("مهلت".into()));
    let b = brief(&env, &dir);
    let ids: Vec<&str> = b["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!ids.is_empty());
    let got: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(got, ids);
    for (row, d) in rows[1..].iter().zip(b["decisions"].as_array().unwrap()) {
        // Solar Hijri dates are text; days overdue a number.
        assert_eq!(
            row[2],
            Data::String(d["meeting_date"].as_str().unwrap().into())
        );
        match d["days_overdue"].as_i64() {
            Some(n) => assert_eq!(row[6], Data::Float(n as f64)),
            None => assert_eq!(row[6], Data::Empty),
        }
    }
}

#[test]
fn budget_amounts_are_numbers_in_rials() {
    let env = TestEnv::new();
    let dir = province(&env);
    let (_, rows) = sheet(&export(&env, &dir, &["budget"]));
    let b = brief(&env, &dir);
    let plans = b["budgets"].as_array().unwrap();
    assert_eq!(rows.len(), plans.len() + 1);
    for (row, p) in rows[1..].iter().zip(plans) {
        assert_eq!(row[0], Data::String(p["plan"].as_str().unwrap().into()));
        assert_eq!(row[2], Data::Float(p["original"].as_f64().unwrap()));
        assert_eq!(row[5], Data::Float(p["paid"].as_f64().unwrap()));
    }
}

#[test]
fn members_and_reports_in_english_are_left_to_right() {
    let env = TestEnv::new();
    let dir = province(&env);
    let bytes = export(&env, &dir, &["members", "--lang", "en"]);
    let (name, rows) = sheet(&bytes);
    assert_eq!(name, "Members");
    assert!(!sheet_xml(&bytes).contains("rightToLeft"));
    assert_eq!(rows[0][0], Data::String("person".into()));
    let b = brief(&env, &dir);
    assert_eq!(rows.len(), b["members"].as_array().unwrap().len() + 1);
    let (_, rows) = sheet(&export(&env, &dir, &["reports"]));
    let first = &b["reports"]["clusters"][0];
    assert_eq!(
        rows[1][0],
        Data::String(first["cluster"].as_str().unwrap().into())
    );
    assert_eq!(rows[1][3], Data::Float(first["on_time"].as_f64().unwrap()));
}

#[test]
fn csv_has_a_bom_the_same_headers_and_plain_numbers() {
    let env = TestEnv::new();
    let dir = province(&env);
    let bytes = export(&env, &dir, &["budget", "--sheet", "csv"]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "برنامه عمل");
    let b = brief(&env, &dir);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), b["budgets"].as_array().unwrap().len());
    assert_eq!(rows[0][2], b["budgets"][0]["original"].to_string());
    // Same input, same bytes (the xlsx creation time is the as-of date).
    let one = export(&env, &dir, &["decisions"]);
    assert_eq!(one, export(&env, &dir, &["decisions"]));
}

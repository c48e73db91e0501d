//! `dabir export decisions|members|reports|budget`: the follow-up tables `brief` shows,
//! as spreadsheets for offices that exchange Excel files.
//!
//! The rows are the brief's own ([`crate::brief::Brief`], one check run), so a table
//! and the brief never disagree. `xlsx`: one right-to-left sheet, Persian headers (English
//! with `--lang en`, left to right), Solar Hijri dates as text (`1403-02-16`: no
//! spreadsheet knows the calendar, and a date cell would be shown Gregorian), amounts in
//! rials and counts as numbers, the header row frozen; the file's creation time is the
//! as-of date, so one input gives one file. `csv`: UTF-8 with a byte-order mark (so Excel
//! reads Persian), the same headers and cells.

mod tables;

use std::path::PathBuf;

use crate::brief::Request;
use crate::commands::{CliError, Globals, Status};
use crate::model::{JDate, Lang};

pub use tables::{Cell, Table};

/// Which table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// Open decisions of earlier meetings: origin, responsible bodies, deadline, days
    /// overdue, on the agenda, dispatched.
    Decisions,
    /// Members in office on the meeting date, with their seats and decrees.
    Members,
    /// Quarterly reports per cluster: on time, late, missing, the on-time rate.
    Reports,
    /// Budget headroom per action plan, in rials.
    Budget,
}

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

/// Write a follow-up table of the brief as a spreadsheet (xlsx or csv): open decisions,
/// members, quarterly reports or budget headroom, for the committee's next meeting (or
/// `--meeting`).
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The table.
    #[arg(value_enum)]
    pub table: Which,
    /// The file format (default: from the extension of -o, else xlsx).
    #[arg(long = "sheet", value_enum, value_name = "xlsx|csv")]
    pub sheet: Option<SheetFormat>,
    /// The file to write (default: `<table>.xlsx` or `.csv` in the current directory;
    /// `-` writes to standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The committee (default: the provincial committee).
    #[arg(long, value_name = "ID")]
    pub committee: Option<String>,
    /// The meeting (default: the committee's next meeting on or after the as-of date).
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// The repository as it was at this git revision.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Decisions => "decisions",
            Which::Members => "members",
            Which::Reports => "reports",
            Which::Budget => "budget",
        }
    }
}

pub fn run(g: &Globals, a: ExportArgs) -> Result<Status, CliError> {
    let format = a.sheet.unwrap_or_else(|| {
        match a
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
        {
            Some(e) if e.eq_ignore_ascii_case("csv") => SheetFormat::Csv,
            _ => SheetFormat::Xlsx,
        }
    });
    let req = Request {
        committee: a.committee,
        meeting: a.meeting,
    };
    let (brief, config) = super::brief::load(g, req, a.rev.as_deref())?;
    let lang = g.lang.unwrap_or(config.language);
    let table = tables::build(&brief, a.table, lang);
    let bytes = match format {
        SheetFormat::Xlsx => xlsx(&table, lang, brief.as_of)?,
        SheetFormat::Csv => csv(&table, lang)?,
    };
    let ext = match format {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Csv => "csv",
    };
    let out = a
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{}.{ext}", a.table.name())));
    if out.as_os_str() == "-" {
        use std::io::Write as _;
        std::io::stdout().lock().write_all(&bytes)?;
    } else {
        crate::store::git::write_atomic(&out, &bytes)
            .map_err(|e| CliError::CouldNotRun(e.to_string()))?;
        if !g.quiet {
            println!("{}", out.display());
        }
    }
    Ok(Status::Clean)
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> CliError {
    CliError::CouldNotRun(format!("xlsx: {e}"))
}

/// The table as an .xlsx workbook of one sheet.
pub fn xlsx(t: &Table, lang: Lang, as_of: JDate) -> Result<Vec<u8>, CliError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let (y, m, d) = as_of.to_gregorian();
    let created = ExcelDateTime::from_ymd(y.clamp(1900, 9999) as u16, m, d).map_err(xlsx_err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(t.title.get(lang))
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(t.sheet.get(lang)).map_err(xlsx_err)?;
    ws.set_right_to_left(lang == Lang::Fa);
    let bold = Format::new().set_bold();
    for (c, h) in t.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h.get(lang), &bold)
            .map_err(xlsx_err)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, c, s).map_err(xlsx_err)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n).map_err(xlsx_err)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    ws.set_autofit_max_width(60);
    ws.autofit();
    wb.save_to_buffer().map_err(xlsx_err)
}

/// The table as CSV, UTF-8 with a byte-order mark.
pub fn csv(t: &Table, lang: Lang) -> Result<Vec<u8>, CliError> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let io = |e: csv::Error| CliError::CouldNotRun(format!("csv: {e}"));
    w.write_record(t.headers.iter().map(|h| h.get(lang)))
        .map_err(io)?;
    for row in &t.rows {
        w.write_record(row.iter().map(Cell::to_text)).map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| CliError::CouldNotRun(format!("csv: {e}")))
}

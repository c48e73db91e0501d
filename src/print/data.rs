//! The data of each printed document, built from the records: one struct per document,
//! serialised to JSON and read by its template as `data.json`. Everything a reader sees
//! is written out here, in the document's language: names instead of ids, dates in
//! numbers and in words, Persian digits. The templates only lay out.

use serde::Serialize;

use crate::brief::{self, Brief};
use crate::model::committee::Role;
use crate::model::text::persian_digits;
use crate::model::{BodyCategory, Committee, CommitteeKind, Config, JDate, Kind, Lang, Record};
use crate::rules::Context;

use super::{Loader, PrintError};

/// Digits of `s` in the script of `lang`.
pub fn digits(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Fa => persian_digits(s),
        Lang::En => s.to_string(),
    }
}

/// A Solar Hijri date as printed.
#[derive(Clone, Debug, Serialize)]
pub struct DateText {
    /// `۱۴۰۳/۰۲/۱۶`.
    pub numeric: String,
    /// `۱۶ اردیبهشت ۱۴۰۳`.
    pub words: String,
}

impl DateText {
    pub fn new(d: JDate, lang: Lang) -> DateText {
        let numeric = format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day());
        DateText {
            numeric: digits(&numeric, lang),
            words: d.in_words(lang),
        }
    }
}

/// What every document shares: the language and the letterhead.
#[derive(Clone, Debug, Serialize)]
pub struct Head {
    /// `fa` or `en`: the template's labels and direction follow it.
    pub lang: &'static str,
    /// The letterhead's lines, top to bottom (the organisation first).
    pub letterhead: Vec<String>,
    /// The logo's path in the template's world, when `dabir.yaml` names one.
    pub logo: Option<String>,
    /// The record printed.
    pub record: String,
}

impl Head {
    pub fn new(config: &Config, lang: Lang, logo: Option<String>, record: &str) -> Head {
        let letterhead = match config.letterhead.as_ref().filter(|l| !l.lines.is_empty()) {
            Some(l) => l.lines.clone(),
            None => match lang {
                Lang::Fa => vec![format!("استانداری {}", config.province_name)],
                Lang::En => vec![format!("Governorate of {}", config.province_name)],
            },
        };
        Head {
            lang: match lang {
                Lang::Fa => "fa",
                Lang::En => "en",
            },
            letterhead,
            logo,
            record: record.to_string(),
        }
    }
}

/// A person as printed: name, post and organisation.
#[derive(Clone, Debug, Serialize)]
pub struct PersonLine {
    pub id: String,
    pub name: String,
    pub position: Option<String>,
    pub body: Option<String>,
    /// For a substitute: the name of the member sat for.
    pub on_behalf_of: Option<String>,
}

/// A signature: the signer's name and the capacity they sign in.
#[derive(Clone, Debug, Serialize)]
pub struct Signer {
    pub name: String,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgendaLine {
    pub order: String,
    pub title: String,
    /// The decision the item follows up, when one.
    pub decision: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionLine {
    pub id: String,
    /// Its position in the minutes, from 1, in the document's digits.
    pub number: String,
    pub text: String,
    pub responsible: Vec<String>,
    pub deadline: Option<DateText>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MinutesData {
    pub head: Head,
    pub meeting: String,
    pub committee: String,
    pub date: DateText,
    pub place: Option<String>,
    /// Whether minutes were recorded (a meeting not yet held prints an empty form).
    pub held: bool,
    pub attendees: Vec<PersonLine>,
    pub absentees: Vec<PersonLine>,
    pub agenda: Vec<AgendaLine>,
    /// The summary's paragraphs.
    pub summary: Vec<String>,
    pub decisions: Vec<DecisionLine>,
    pub approved_on: Option<DateText>,
    pub chair: Option<Signer>,
    pub secretary: Option<Signer>,
}

#[derive(Clone, Debug, Serialize)]
pub struct InvitationData {
    pub head: Head,
    pub meeting: String,
    pub committee: String,
    /// The invitation letter's number, when recorded.
    pub number: Option<String>,
    pub letter_date: Option<DateText>,
    pub date: DateText,
    pub place: Option<String>,
    /// The members invited: those in office on the meeting date.
    pub members: Vec<PersonLine>,
    pub agenda: Vec<AgendaLine>,
    pub signer: Option<Signer>,
}

/// A copy (رونوشت) of a letter: to whom, and why (`isipo`: for information;
/// `secretariat`: for information and follow-up).
#[derive(Clone, Debug, Serialize)]
pub struct CopyLine {
    pub name: String,
    pub purpose: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct LetterData {
    pub head: Head,
    pub decision: String,
    pub meeting: String,
    pub committee: String,
    pub meeting_date: DateText,
    /// The dispatch letter's number and date, when recorded.
    pub number: Option<String>,
    pub letter_date: Option<DateText>,
    /// The bodies the letter is sent to.
    pub recipients: Vec<String>,
    /// The bodies it is copied to (رونوشت): ISIPO and the secretariat.
    pub copies: Vec<CopyLine>,
    pub text: String,
    pub deadline: Option<DateText>,
    pub signer: Option<Signer>,
}

fn person_line(l: &Loader, id: &str, on_behalf_of: Option<&str>) -> Result<PersonLine, PrintError> {
    let p = l.person(id)?;
    let body = match &p.body {
        Some(b) => Some(l.body(b)?.name),
        None => None,
    };
    let on_behalf_of = match on_behalf_of {
        Some(o) => Some(l.person(o)?.name),
        None => None,
    };
    Ok(PersonLine {
        id: p.id,
        name: p.name,
        position: p.position,
        body,
        on_behalf_of,
    })
}

fn role_title(role: Role, kind: CommitteeKind, lang: Lang) -> String {
    let fa_committee = match kind {
        CommitteeKind::Provincial => "کمیته استانی",
        _ => "کمیته",
    };
    match (role, lang) {
        (Role::Chair, Lang::Fa) => format!("رئیس {fa_committee}"),
        (Role::Secretary, Lang::Fa) => format!("دبیر {fa_committee}"),
        (_, Lang::Fa) => format!("عضو {fa_committee}"),
        (Role::Chair, Lang::En) => "Chair of the committee".into(),
        (Role::Secretary, Lang::En) => "Secretary of the committee".into(),
        (_, Lang::En) => "Member of the committee".into(),
    }
}

/// The holder of `role` in `c` on `date`, as a signer.
fn signer(
    l: &Loader,
    c: &Committee,
    role: Role,
    date: JDate,
    lang: Lang,
) -> Result<Option<Signer>, PrintError> {
    match c.members_on(date).find(|m| m.role == role) {
        Some(m) => Ok(Some(Signer {
            name: l.person(&m.person)?.name,
            title: role_title(role, c.kind, lang),
        })),
        None => Ok(None),
    }
}

fn agenda_lines(m: &crate::model::Meeting, lang: Lang) -> Vec<AgendaLine> {
    m.agenda
        .iter()
        .flat_map(|a| &a.items)
        .map(|i| AgendaLine {
            order: digits(&i.order.to_string(), lang),
            title: i.title.clone(),
            decision: i.decision.clone(),
        })
        .collect()
}

fn body_names(l: &Loader, ids: &[String]) -> Result<Vec<String>, PrintError> {
    ids.iter().map(|b| Ok(l.body(b)?.name)).collect()
}

/// The minutes of meeting `id`.
pub fn minutes(
    l: &Loader,
    config: &Config,
    lang: Lang,
    logo: Option<String>,
    id: &str,
) -> Result<MinutesData, PrintError> {
    let m = l.meeting(id)?;
    let c = l.committee(&m.committee)?;
    let mut attendees = Vec::new();
    let mut absentees = Vec::new();
    let mut decisions = Vec::new();
    if let Some(min) = &m.minutes {
        for a in &min.attendees {
            attendees.push(person_line(l, &a.person, a.on_behalf_of.as_deref())?);
        }
        for a in &min.absentees {
            absentees.push(person_line(l, a, None)?);
        }
        for (i, d) in min.decisions.iter().enumerate() {
            let d = l.decision(d)?;
            decisions.push(DecisionLine {
                number: digits(&(i + 1).to_string(), lang),
                responsible: body_names(l, &d.responsible)?,
                deadline: d.deadline.map(|x| DateText::new(x, lang)),
                id: d.id,
                text: d.text,
            });
        }
    }
    let summary = m
        .minutes
        .as_ref()
        .map(|min| {
            min.summary
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(MinutesData {
        head: Head::new(config, lang, logo, &m.id),
        committee: c.name.clone(),
        date: DateText::new(m.date, lang),
        place: m.place.clone(),
        held: m.minutes.is_some(),
        attendees,
        absentees,
        agenda: agenda_lines(&m, lang),
        summary,
        decisions,
        approved_on: m
            .minutes
            .as_ref()
            .and_then(|x| x.approved_on)
            .map(|x| DateText::new(x, lang)),
        chair: signer(l, &c, Role::Chair, m.date, lang)?,
        secretary: signer(l, &c, Role::Secretary, m.date, lang)?,
        meeting: m.id,
    })
}

/// The invitation to meeting `id`.
pub fn invitation(
    l: &Loader,
    config: &Config,
    lang: Lang,
    logo: Option<String>,
    id: &str,
) -> Result<InvitationData, PrintError> {
    let m = l.meeting(id)?;
    let c = l.committee(&m.committee)?;
    let members = c
        .members_on(m.date)
        .map(|ms| person_line(l, &ms.person, None))
        .collect::<Result<Vec<_>, _>>()?;
    let signer = match &m.invitation {
        Some(inv) => {
            let p = l.person(&inv.signed_by)?;
            Some(Signer {
                title: p.position.clone().unwrap_or_default(),
                name: p.name,
            })
        }
        None => signer(l, &c, Role::Chair, m.date, lang)?,
    };
    Ok(InvitationData {
        head: Head::new(config, lang, logo, &m.id),
        committee: c.name.clone(),
        number: m.invitation.as_ref().map(|i| i.letter.number.clone()),
        letter_date: m
            .invitation
            .as_ref()
            .map(|i| DateText::new(i.letter.date, lang)),
        date: DateText::new(m.date, lang),
        place: m.place.clone(),
        members,
        agenda: agenda_lines(&m, lang),
        signer,
        meeting: m.id,
    })
}

/// The letter dispatching decision `id` to its responsible bodies (R-MTG-5).
pub fn letter(
    l: &Loader,
    config: &Config,
    lang: Lang,
    logo: Option<String>,
    id: &str,
) -> Result<LetterData, PrintError> {
    let d = l.decision(id)?;
    let m = l.meeting(&d.meeting)?;
    let c = l.committee(&m.committee)?;
    let recipients = match &d.dispatch {
        Some(x) if !x.recipients.is_empty() => body_names(l, &x.recipients)?,
        _ => body_names(l, &d.responsible)?,
    };
    // Copies: ISIPO, and the secretariat (the broker, else the secretary's body).
    let mut copies = Vec::new();
    for r in l.all(Kind::Body)? {
        if let Record::Body(b) = r
            && b.category == BodyCategory::Isipo
        {
            copies.push(CopyLine {
                name: b.name,
                purpose: "isipo",
            });
        }
    }
    let secretariat = match &config.broker {
        Some(b) => Some(b.clone()),
        None => c
            .members_on(m.date)
            .find(|x| x.role == Role::Secretary)
            .map(|x| x.body.clone()),
    };
    if let Some(b) = secretariat {
        let name = l.body(&b)?.name;
        if !copies.iter().any(|c| c.name == name) {
            copies.push(CopyLine {
                name,
                purpose: "secretariat",
            });
        }
    }
    // The letter is the deputy for planning's: the provincial committee's chair.
    let date = d.dispatch.as_ref().map(|x| x.letter.date).unwrap_or(m.date);
    let mut sign = None;
    for r in l.all(Kind::Committee)? {
        if let Record::Committee(pc) = r
            && pc.kind == CommitteeKind::Provincial
        {
            if let Some(ms) = pc.members_on(date).find(|x| x.role == Role::Chair) {
                let p = l.person(&ms.person)?;
                sign = Some(Signer {
                    title: p
                        .position
                        .clone()
                        .unwrap_or_else(|| role_title(Role::Chair, pc.kind, lang)),
                    name: p.name,
                });
            }
            break;
        }
    }
    if sign.is_none() {
        sign = signer(l, &c, Role::Chair, date, lang)?;
    }
    Ok(LetterData {
        head: Head::new(config, lang, logo, &d.id),
        meeting: m.id.clone(),
        committee: c.name.clone(),
        meeting_date: DateText::new(m.date, lang),
        number: d.dispatch.as_ref().map(|x| x.letter.number.clone()),
        letter_date: d
            .dispatch
            .as_ref()
            .map(|x| DateText::new(x.letter.date, lang)),
        recipients,
        copies,
        deadline: d.deadline.map(|x| DateText::new(x, lang)),
        signer: sign,
        text: d.text,
        decision: d.id,
    })
}

/// The dossier: the brief of a meeting, printable. The brief is taken as built by
/// [`brief::build`]; this only writes its ids as names and its dates and numbers out.
#[derive(Clone, Debug, Serialize)]
pub struct DossierData {
    pub head: Head,
    pub committee: String,
    pub meeting: Option<String>,
    pub date: DateText,
    pub place: Option<String>,
    pub as_of: DateText,
    /// `approved`, `proposed` or none.
    pub agenda_state: Option<String>,
    pub agenda: Vec<AgendaLine>,
    pub members: Vec<DossierMember>,
    /// Members in office on the meeting date, and how many the quorum needs.
    pub quorum_expected: String,
    pub quorum_needed: String,
    pub decisions: Vec<DossierDecision>,
    pub undispatched: Vec<DossierUndispatched>,
    pub reports: Vec<DossierReports>,
    pub province_rate: Option<String>,
    pub supervisors: Vec<DossierSupervisor>,
    pub budgets: Vec<DossierBudget>,
    pub blockers: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DossierMember {
    pub name: String,
    pub body: String,
    pub role: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DossierDecision {
    pub id: String,
    /// The meeting it was taken at, and its date.
    pub origin: String,
    pub origin_date: DateText,
    pub responsible: Vec<String>,
    pub deadline: Option<DateText>,
    /// Days overdue on the meeting date, in the document's digits.
    pub overdue: Option<String>,
    pub on_agenda: bool,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DossierUndispatched {
    pub id: String,
    pub due: DateText,
    pub days_late: String,
    pub responsible: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DossierReports {
    pub cluster: String,
    pub on_time: String,
    pub late: String,
    pub missing: String,
    pub rate: Option<String>,
    pub missing_seasons: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DossierSupervisor {
    pub cluster: String,
    /// `missing` or `expiring`.
    pub state: String,
    pub person: Option<String>,
    pub until: Option<DateText>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DossierBudget {
    pub plan: String,
    pub cluster: String,
    pub approved: String,
    pub allocated: String,
    pub paid: String,
    pub room_up: String,
}

/// An amount of rials with thousands separators, in the document's digits.
pub fn rials(n: i128, lang: Lang) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(match lang {
                Lang::Fa => '٬',
                Lang::En => ',',
            });
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    digits(&out, lang)
}

fn percent(r: f64, lang: Lang) -> String {
    match lang {
        Lang::Fa => digits(&format!("{:.0}٪", r * 100.0), lang),
        Lang::En => format!("{:.0}%", r * 100.0),
    }
}

/// The dossier of the brief `b`, names taken from `ctx`.
pub fn dossier(ctx: &Context<'_>, b: &Brief, lang: Lang, logo: Option<String>) -> DossierData {
    let body = |id: &str| {
        ctx.body(id)
            .map(|(_, x)| x.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let person = |id: &str| {
        ctx.person(id)
            .map(|(_, x)| x.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let cluster = |id: &str| {
        ctx.cluster(id)
            .map(|(_, x)| x.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let n = |x: i64| digits(&x.to_string(), lang);
    let record = b
        .meeting
        .as_ref()
        .map(|m| m.id.clone())
        .unwrap_or_else(|| b.committee.id.clone());
    DossierData {
        head: Head::new(ctx.config, lang, logo, &record),
        committee: b.committee.name.clone(),
        meeting: b.meeting.as_ref().map(|m| m.id.clone()),
        date: DateText::new(b.on, lang),
        place: b.meeting.as_ref().and_then(|m| m.place.clone()),
        as_of: DateText::new(b.as_of, lang),
        agenda_state: b.agenda.as_ref().map(|a| match a.state {
            brief::AgendaState::Approved => "approved".to_string(),
            brief::AgendaState::Proposed => "proposed".to_string(),
        }),
        agenda: b
            .agenda
            .iter()
            .flat_map(|a| &a.items)
            .map(|i| AgendaLine {
                order: digits(&i.order.to_string(), lang),
                title: i.title.clone(),
                decision: i.decision.clone(),
            })
            .collect(),
        members: b
            .members
            .iter()
            .map(|m| DossierMember {
                name: m.name.clone(),
                body: body(&m.body),
                role: match m.role {
                    Role::Chair => "chair",
                    Role::Secretary => "secretary",
                    _ => "member",
                }
                .to_string(),
            })
            .collect(),
        quorum_expected: n(b.quorum.expected as i64),
        quorum_needed: n(b.quorum.needed as i64),
        decisions: b
            .decisions
            .iter()
            .map(|d| DossierDecision {
                id: d.id.clone(),
                origin: d.meeting.clone(),
                origin_date: DateText::new(d.meeting_date, lang),
                responsible: d.responsible.iter().map(|r| body(r)).collect(),
                deadline: d.deadline.map(|x| DateText::new(x, lang)),
                overdue: d.days_overdue.map(n),
                on_agenda: d.on_agenda,
                text: d.text.clone(),
            })
            .collect(),
        undispatched: b
            .undispatched
            .iter()
            .map(|u| DossierUndispatched {
                id: u.id.clone(),
                due: DateText::new(u.due, lang),
                days_late: n(u.days_late),
                responsible: u.responsible.iter().map(|r| body(r)).collect(),
            })
            .collect(),
        reports: dossier_reports(b, lang),
        province_rate: b.reports.province_rate.map(|x| percent(x, lang)),
        supervisors: b
            .supervisors
            .iter()
            .map(|s| DossierSupervisor {
                cluster: s.name.clone(),
                state: match s.state {
                    brief::SupervisorState::Missing => "missing",
                    brief::SupervisorState::Expiring => "expiring",
                }
                .to_string(),
                person: s.person.as_deref().map(person),
                until: s.until.map(|x| DateText::new(x, lang)),
            })
            .collect(),
        budgets: dossier_budgets(b, lang, &cluster),
        blockers: b
            .blockers
            .iter()
            .map(|x| x.message.get(lang).to_string())
            .collect(),
    }
}

/// Each cluster's quarterly reports, as the dossier prints them.
fn dossier_reports(b: &Brief, lang: Lang) -> Vec<DossierReports> {
    let n = |x: i64| digits(&x.to_string(), lang);
    b.reports
        .clusters
        .iter()
        .map(|r| DossierReports {
            cluster: r.name.clone(),
            on_time: n(r.on_time as i64),
            late: n(r.late as i64),
            missing: n(r.missing as i64),
            rate: r.rate.map(|x| percent(x, lang)),
            missing_seasons: r.missing_seasons.iter().map(|s| digits(s, lang)).collect(),
        })
        .collect()
}

/// Each plan's budget position, its cluster by name (`cluster`).
fn dossier_budgets(b: &Brief, lang: Lang, cluster: &dyn Fn(&str) -> String) -> Vec<DossierBudget> {
    b.budgets
        .iter()
        .map(|h| DossierBudget {
            plan: h.plan.clone(),
            cluster: cluster(&h.cluster),
            approved: rials(h.approved.into(), lang),
            allocated: rials(h.allocated.into(), lang),
            paid: rials(h.paid.into(), lang),
            room_up: rials(h.room_up, lang),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_printed_in_numbers_and_in_words() {
        let d = JDate::new(1403, 2, 16).unwrap();
        let fa = DateText::new(d, Lang::Fa);
        assert_eq!(fa.numeric, "۱۴۰۳/۰۲/۱۶");
        assert_eq!(fa.words, "۱۶ اردیبهشت ۱۴۰۳");
        let en = DateText::new(JDate::new(1403, 12, 29).unwrap(), Lang::En);
        assert_eq!(en.numeric, "1403/12/29");
        assert_eq!(en.words, "29 Esfand 1403");
    }

    #[test]
    fn rials_are_grouped_by_thousands_in_the_documents_digits() {
        assert_eq!(rials(1_890_000_000, Lang::En), "1,890,000,000");
        assert_eq!(rials(1_890_000_000, Lang::Fa), "۱٬۸۹۰٬۰۰۰٬۰۰۰");
        assert_eq!(rials(-1_000, Lang::En), "-1,000");
        assert_eq!(rials(999, Lang::En), "999");
        assert_eq!(rials(0, Lang::Fa), "۰");
    }

    #[test]
    fn percentages_take_the_persian_sign() {
        assert_eq!(percent(0.834, Lang::Fa), "۸۳٪");
        assert_eq!(percent(0.834, Lang::En), "83%");
    }
}

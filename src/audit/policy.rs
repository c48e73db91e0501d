//! `policy.yaml`: which keys may sign which changes (`schema/policy.schema.json`).
//!
//! ```yaml
//! # yaml-language-server: $schema=schema/policy.schema.json
//! signers:
//!   - key: ssh-ed25519 AAAAC3Nza... clerk@esf   # or openpgp: <fingerprint>
//!     person: ESF-P-013
//!     roles: [clerk]
//!     provinces: [ESF]
//!     kinds: [meeting, decision]                 # absent: every kind
//!     committees: [ESF-PC]                       # secretariats it works in
//!     from: "1404-01-01"
//!     until: "1404-12-29"                        # absent: no end
//!     revoked: "1404-06-01"                      # from this day it may not sign
//! ```
//!
//! A key is known by its fingerprint: `SHA256:…` (as `ssh-keygen -l` prints it) for SSH,
//! the upper-case hexadecimal fingerprint for OpenPGP. What a role may do is decided
//! here, once ([`Role::may`]).

use serde::Deserialize;

use crate::diag::Text;
use crate::model::{JDate, Kind};
use crate::schema::Schemas;
use crate::tr;

/// The file name of the policy at the records root.
pub const FILE: &str = "policy.yaml";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Clerk,
    Secretary,
    Chair,
    National,
}

/// What a commit does, as far as roles go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    /// A record write other than an approval.
    Record,
    /// Approving an agenda or minutes (`meeting.approve-agenda`, `meeting.approve-minutes`).
    Approve,
    /// The repository config or the waiver list (`dabir.yaml`, `waivers.yaml`).
    Config,
    /// The policy itself.
    Policy,
}

impl Act {
    pub fn name(self) -> &'static str {
        match self {
            Act::Record => "record write",
            Act::Approve => "approval",
            Act::Config => "config change",
            Act::Policy => "policy change",
        }
    }
    pub fn name_fa(self) -> &'static str {
        match self {
            Act::Record => "نوشتن سابقه",
            Act::Approve => "تأیید",
            Act::Config => "تغییر پیکربندی",
            Act::Policy => "تغییر سیاست امضا",
        }
    }
}

impl Role {
    /// Whether the role may do `act`: clerks write records; secretaries also record
    /// approvals and change the config; chairs approve, change the config and the
    /// policy; the national office changes the policy (and signs checkpoints).
    pub fn may(self, act: Act) -> bool {
        matches!(
            (self, act),
            (Role::Clerk, Act::Record)
                | (Role::Secretary, Act::Record | Act::Approve | Act::Config)
                | (Role::Chair, Act::Approve | Act::Config | Act::Policy)
                | (Role::National, Act::Policy)
        )
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub openpgp: Option<String>,
    pub person: String,
    pub roles: Vec<Role>,
    pub provinces: Vec<String>,
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    #[serde(default)]
    pub committees: Vec<String>,
    pub from: JDate,
    #[serde(default)]
    pub until: Option<JDate>,
    #[serde(default)]
    pub revoked: Option<JDate>,
    #[serde(default)]
    pub note: Option<String>,
    /// The key's fingerprint, computed on load.
    #[serde(skip)]
    pub fingerprint: String,
}

impl Signer {
    pub fn may(&self, act: Act) -> bool {
        self.roles.iter().any(|r| r.may(act))
    }

    /// Whether the key may sign on `date`: inside `from..=until`, before `revoked`.
    pub fn in_window(&self, date: JDate) -> bool {
        self.from <= date
            && self.until.is_none_or(|u| date <= u)
            && self.revoked.is_none_or(|r| date < r)
    }

    pub fn may_change_kind(&self, kind: Kind) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|ks| ks.iter().any(|k| k == kind.name()))
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub signers: Vec<Signer>,
}

impl Policy {
    /// Parse and validate `policy.yaml`; the error says what is wrong, in both languages.
    pub fn parse(bytes: &[u8]) -> Result<Policy, Text> {
        let parsed = crate::yaml::parse(bytes).map_err(|problems| {
            let p = problems
                .first()
                .map(|p| p.rule.to_string())
                .unwrap_or_default();
            tr!(
                "{FILE} is not valid YAML ({p})",
                "{FILE} یک YAML درست نیست ({p})"
            )
        })?;
        if let Some(v) = Schemas::get().validate_policy(&parsed.value).first() {
            let (en, fa, at) = (&v.message.en, &v.message.fa, &v.pointer);
            return Err(tr!(
                "{FILE} does not match its schema at `{at}`: {en}",
                "{FILE} با طرح‌واره‌اش در «{at}» نمی‌خواند: {fa}"
            ));
        }
        let mut policy: Policy = serde_json::from_value(parsed.value).map_err(|e| {
            let e = e.to_string();
            tr!("{FILE}: {e}", "{FILE}: {e}")
        })?;
        for s in &mut policy.signers {
            s.fingerprint = match (&s.key, &s.openpgp) {
                (Some(k), _) => ssh_fingerprint(k).ok_or_else(|| {
                    tr!(
                        "{FILE}: `{k}` is not an SSH public key",
                        "{FILE}: «{k}» کلید عمومی SSH نیست"
                    )
                })?,
                (None, Some(f)) => openpgp_fingerprint(f),
                (None, None) => unreachable!("the schema requires key or openpgp"),
            };
        }
        Ok(policy)
    }

    /// The signer entries of a key fingerprint.
    pub fn signer(&self, fingerprint: &str) -> Option<&Signer> {
        self.signers
            .iter()
            .find(|s| same_key(&s.fingerprint, fingerprint))
    }
}

/// The `SHA256:…` fingerprint of an SSH public key line.
pub fn ssh_fingerprint(line: &str) -> Option<String> {
    let key = ssh_key::PublicKey::from_openssh(line.trim()).ok()?;
    Some(key.fingerprint(ssh_key::HashAlg::Sha256).to_string())
}

/// An OpenPGP fingerprint, upper case, without spaces.
pub fn openpgp_fingerprint(f: &str) -> String {
    f.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Whether two fingerprints name the same key (OpenPGP ones compared without case or
/// spaces; a 16-digit key id matches the end of a fingerprint).
pub fn same_key(a: &str, b: &str) -> bool {
    if a.starts_with("SHA256:") || b.starts_with("SHA256:") {
        return a == b;
    }
    let (a, b) = (openpgp_fingerprint(a), openpgp_fingerprint(b));
    a == b || (a.len() >= 16 && b.ends_with(&a)) || (b.len() >= 16 && a.ends_with(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDtYNLMos9kf6y0bq/A5Zt7Aqz98XaEh1hUp4HaBykZB clerk";

    #[test]
    fn roles_decide_once() {
        assert!(Role::Clerk.may(Act::Record));
        assert!(!Role::Clerk.may(Act::Approve));
        assert!(!Role::Clerk.may(Act::Policy));
        assert!(Role::Chair.may(Act::Policy));
        assert!(Role::National.may(Act::Policy));
        assert!(!Role::National.may(Act::Record));
    }

    #[test]
    fn a_policy_parses_and_windows_hold() {
        let text = format!(
            "signers:\n  - key: {KEY}\n    person: ESF-P-013\n    roles: [clerk]\n    provinces: [ESF]\n    from: \"1404-01-01\"\n    revoked: \"1404-06-01\"\n"
        );
        let p = Policy::parse(text.as_bytes()).unwrap();
        let s = &p.signers[0];
        assert!(s.fingerprint.starts_with("SHA256:"));
        assert!(p.signer(&s.fingerprint).is_some());
        let d = |x: &str| JDate::parse(x).unwrap();
        assert!(s.in_window(d("1404-05-31")));
        assert!(!s.in_window(d("1404-06-01")), "revoked that day");
        assert!(!s.in_window(d("1403-12-29")), "before its window");
    }

    #[test]
    fn a_policy_with_a_bad_role_is_refused() {
        let text = format!(
            "signers:\n  - key: {KEY}\n    person: ESF-P-013\n    roles: [king]\n    provinces: [ESF]\n    from: \"1404-01-01\"\n"
        );
        let e = Policy::parse(text.as_bytes()).unwrap_err();
        assert!(e.en.contains("schema"), "{}", e.en);
    }
}

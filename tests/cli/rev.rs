//! `check --rev`: the repository as it was at a past commit, from git objects, with the
//! work tree untouched; the records repository may be a subdirectory of the git one.

use crate::common::*;

const CONFIG: &str = "province: ESF\nprovince_name: اصفهان\n";
const GOOD_A: &str =
    "id: ESF-B-SMT\nname: سازمان صنعت، معدن و تجارت\ncategory: industry-mine-trade\n";
const BAD_A: &str = "id: ESF-B-SMT\nname: سازمان صنعت، معدن و تجارت\ncategory: ministry\n";
const GOOD_B: &str = "id: ESF-B-TPO\nname: سازمان توسعه تجارت\ncategory: tpo\n";
const BAD_B: &str = "id: ESF-B-TPO\nname: سازمان توسعه تجارت\ncategory: trade\n";

/// A git repository with the records in `recs/`: at HEAD~1 body B is broken, at HEAD
/// body A is; the work tree has both fixed, uncommitted.
fn two_commits(env: &TestEnv) -> std::path::PathBuf {
    let root = env.path().join("git");
    std::fs::create_dir_all(&root).unwrap();
    let git = |args: &[&str]| {
        let r = env.git(&root, args);
        assert_eq!(r.code, 0, "git {args:?}: {}", r.transcript());
    };
    git(&["init", "-q", "-b", "main"]);
    write(&root, "recs/dabir.yaml", CONFIG);
    write(&root, "recs/bodies/ESF-B-SMT.yaml", GOOD_A);
    write(&root, "recs/bodies/ESF-B-TPO.yaml", BAD_B);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "first"]);
    write(&root, "recs/bodies/ESF-B-SMT.yaml", BAD_A);
    write(&root, "recs/bodies/ESF-B-TPO.yaml", GOOD_B);
    git(&["commit", "-q", "-a", "-m", "second"]);
    write(&root, "recs/bodies/ESF-B-SMT.yaml", GOOD_A);
    root
}

fn files_with_findings(r: &Run) -> Vec<String> {
    r.json_lines()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect()
}

#[test]
fn each_revision_is_checked_as_it_was() {
    let env = TestEnv::new();
    let root = two_commits(&env);
    let recs = root.join("recs");
    let d = recs.to_str().unwrap();
    let before = env.git(&root, &["status", "--porcelain"]).stdout;

    let head = env.run(&["check", "-C", d, "--rev", "HEAD", "--format", "json"]);
    assert_eq!(head.code, 1, "{}", head.transcript());
    assert_eq!(
        files_with_findings(&head),
        ["R-SCH-1 bodies/ESF-B-SMT.yaml 3"]
    );

    let prev = env.run(&["check", "-C", d, "--rev", "HEAD~1", "--format", "json"]);
    assert_eq!(prev.code, 1, "{}", prev.transcript());
    assert_eq!(
        files_with_findings(&prev),
        ["R-SCH-1 bodies/ESF-B-TPO.yaml 3"]
    );

    let work = env.run(&["check", "-C", d, "--format", "json"]);
    assert_eq!(work.code, 0, "{}", work.transcript());

    // The human report shows the snippet as it was at the revision.
    let human = env.run(&["check", "-C", d, "--rev", "HEAD~1", "--lang", "en"]);
    assert!(human.stdout.contains("category: trade"), "{}", human.stdout);

    assert_eq!(
        env.git(&root, &["status", "--porcelain"]).stdout,
        before,
        "the work tree is untouched"
    );
    assert_eq!(
        std::fs::read_to_string(recs.join("bodies/ESF-B-SMT.yaml")).unwrap(),
        GOOD_A
    );
}

#[test]
fn from_a_subdirectory_and_from_the_git_root() {
    let env = TestEnv::new();
    let root = two_commits(&env);
    // -C inside the records repository: its nearest ancestor with dabir.yaml at REV.
    let r = env.run(&[
        "check",
        "-C",
        root.join("recs/bodies").to_str().unwrap(),
        "--rev",
        "HEAD",
        "--format",
        "json",
    ]);
    assert_eq!(files_with_findings(&r), ["R-SCH-1 bodies/ESF-B-SMT.yaml 3"]);
    // -C at the git root, which holds no dabir.yaml: not a records repository.
    let r = env.run(&["check", "-C", root.to_str().unwrap(), "--rev", "HEAD"]);
    assert_eq!(r.code, 3, "{}", r.transcript());
}

#[test]
fn bad_revisions_and_no_git() {
    let env = TestEnv::new();
    let root = two_commits(&env);
    let r = env.run(&[
        "check",
        "-C",
        root.join("recs").to_str().unwrap(),
        "--rev",
        "no-such-branch",
    ]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    let plain = env.path().join("plain");
    write(&plain, "dabir.yaml", CONFIG);
    let r = env.run(&["check", "-C", plain.to_str().unwrap(), "--rev", "HEAD"]);
    assert_eq!(r.code, 3, "{}", r.transcript());
}

#[test]
fn brief_reads_a_revision_too() {
    let env = TestEnv::new();
    let root = two_commits(&env);
    let r = env.run(&[
        "brief",
        "-C",
        root.join("recs").to_str().unwrap(),
        "--rev",
        "HEAD~1",
        "--format",
        "json",
    ]);
    // No provincial committee in this tiny repository: a usage error, after reading REV.
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("provincial committee"), "{}", r.stderr);
}

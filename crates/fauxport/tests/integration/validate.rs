//! `fauxport validate`: documented exit codes, findings that name the field.

use crate::{fauxport, scratch};

fn sample() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/spec/docs-sample-row.json");
    serde_json::from_slice(&std::fs::read(path).expect("sample")).expect("JSON")
}

fn line(value: &serde_json::Value) -> Vec<u8> {
    let mut line = serde_json::to_vec(value).expect("serialise");
    line.push(b'\n');
    line
}

#[test]
fn exit_codes_are_the_documented_ones() {
    let ok = fauxport(&["validate", "-"], &line(&sample()));
    assert_eq!(ok.code, 0, "{}", ok.stderr);

    let mut value = sample();
    let details = value["projects"]["clpvnotzb03jo07xs48r7ewka"]["labels"][0]["label_details"]
        .as_object_mut()
        .expect("label_details");
    assert!(details.remove("created_by").is_some());
    let broken = line(&value);
    let bad = fauxport(&["validate", "-"], &broken);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    let out = String::from_utf8(bad.stdout).expect("utf-8");
    assert!(
        out.contains("line 1") && out.contains("created_by"),
        "{out}"
    );

    let json = fauxport(&["validate", "--json", "-"], &broken);
    assert_eq!(json.code, 1);
    let last = String::from_utf8(json.stdout)
        .expect("utf-8")
        .lines()
        .last()
        .map(str::to_owned)
        .unwrap_or_default();
    let summary: serde_json::Value = serde_json::from_str(&last).expect("summary line is JSON");
    assert_eq!(summary["summary"]["valid"], false, "{summary}");

    let missing = fauxport(&["validate", "/nonexistent/file.ndjson"], b"");
    assert_eq!(missing.code, 3, "{}", missing.stderr);
    let usage = fauxport(&["validate", "--no-such-flag"], b"");
    assert_eq!(usage.code, 2);
}

#[test]
fn fixtures_are_valid_and_check_detects_drift() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let run = fauxport(
        &[
            "fixtures",
            "--check",
            "--dir",
            &fixtures.display().to_string(),
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for entry in std::fs::read_dir(&fixtures).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ndjson") {
            let format = if path.display().to_string().contains(".v1.") {
                "v1"
            } else {
                "v2"
            };
            let run = fauxport(
                &["validate", "--format", format, &path.display().to_string()],
                b"",
            );
            assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
        }
    }
    let dir = scratch("fixtures-drift");
    let run = fauxport(&["fixtures", "--dir", &dir.display().to_string()], b"");
    assert_eq!(run.code, 0);
    let victim = dir.join("prompt-creation.all-params.ndjson");
    let mut bytes = std::fs::read(&victim).expect("written");
    bytes.push(b'\n');
    std::fs::write(&victim, bytes).expect("rewrite");
    let run = fauxport(
        &["fixtures", "--check", "--dir", &dir.display().to_string()],
        b"",
    );
    run.assert_exit(1, "prompt-creation.all-params.ndjson");
}

/// The seed sample's own layout (pretty-printed) and a JSON array of rows are not NDJSON:
/// validate says so and how to convert, once, before its findings; NDJSON gets no hint.
#[test]
fn pretty_printed_json_and_arrays_get_a_hint() {
    let pretty = serde_json::to_vec_pretty(&sample()).expect("pretty");
    let array = serde_json::to_vec(&serde_json::json!([sample(), sample()])).expect("array");
    for (input, shape) in [(pretty, "pretty-printed JSON"), (array, "a JSON array")] {
        let run = fauxport(&["validate", "-"], &input);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(run.stderr.matches("hint:").count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(shape) && run.stderr.contains("jq -c"),
            "{}",
            run.stderr
        );
    }
    let ndjson = fauxport(&["validate", "-"], &line(&sample()));
    assert!(!ndjson.stderr.contains("hint:"), "{}", ndjson.stderr);
}

/// A line over `--max-line-bytes` is one `line-too-long` error on its line; the next line is
/// still checked, and the exit code is 1 (invalid rows), not 3.
#[test]
fn an_over_long_line_is_a_finding_and_checking_goes_on() {
    let mut input = line(&sample());
    input.extend(vec![b'x'; 3 << 20]);
    input.push(b'\n');
    input.extend(line(&sample()));
    let run = fauxport(
        &["validate", "--json", "--max-line-bytes", "1048576", "-"],
        &input,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines = run.json_lines();
    let out = String::from_utf8_lossy(&run.stdout);
    assert_eq!(lines.len(), 2, "one finding and the summary: {out}");
    assert_eq!(lines[0]["line"], 2, "{out}");
    assert_eq!(lines[0]["code"], "line-too-long", "{out}");
    assert!(
        lines[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("1048576")),
        "the message names the limit: {out}"
    );
    let summary = &lines[1]["summary"];
    assert_eq!(
        (&summary["rows"], &summary["valid_rows"]),
        (&3.into(), &2.into()),
        "{out}"
    );
    let usage = fauxport(&["validate", "--max-line-bytes", "0", "-"], b"");
    assert_eq!(usage.code, 2, "{}", usage.stderr);
}

/// A gzip bomb: 512 MiB of NUL bytes without a newline, in 512 gzip members of 1 MiB each (about
/// half a megabyte). The default 64 MiB cap holds: one finding, bounded memory.
#[cfg(target_os = "linux")]
#[test]
fn a_gzip_bomb_without_newlines_stays_bounded() {
    use std::io::Write;
    let dir = scratch("validate-gzip-bomb");
    let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    member.write_all(&vec![0u8; 1 << 20]).expect("compress");
    let member = member.finish().expect("gzip");
    let bomb = dir.join("bomb.ndjson.gz");
    std::fs::write(&bomb, member.repeat(512)).expect("bomb written");
    let (run, peak) = crate::fauxport_peak(&["validate", "-"], &bomb);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = String::from_utf8(run.stdout).expect("utf-8");
    assert!(
        out.starts_with("line 1: ") && out.contains("67108864"),
        "{out}"
    );
    assert!(peak > 0, "VmHWM was read");
    assert!(
        peak < 256 << 20,
        "peak RSS {} MiB for a 512 MiB line",
        peak >> 20
    );
}

#!/usr/bin/env python3
"""Helper of bench/side-by-side (standard library only).

Subcommands:
  freeport                         print a free TCP port on 127.0.0.1
  prepare BASE DIR KEY             create a params-all export of project 0 the way the SDK does,
                                   poll it to COMPLETE, look page 0 up; write DIR/{page_url,
                                   poll_body.json,poll.lua,download_url,project_id}
  wrk FILE                         parse `wrk --latency` output: JSON {rps, p99_ms, non2xx, errors}
  cpu PID                          utime+stime of PID in seconds
  sample OUT DEADLINE STOPFILE PID...
                                   sample VmRSS of PIDs and their children every 50 ms until
                                   STOPFILE exists or DEADLINE (epoch s); write JSON
                                   {rss_max_mb, hwm_mb, samples} (sums over the processes)
  report TSV CMDS META [--json F]  print the markdown table (min / median / max per figure)
"""
import importlib.util
import json
import os
import socket
import statistics
import sys
import time
import urllib.request
from pathlib import Path

# The export is made by the zoo client (compat/zoo/client.py: the SDK's texts and params, read
# from the repository's one copy), loaded by path.
_ZOO = Path(__file__).resolve().parent.parent / "compat" / "zoo" / "client.py"
_spec = importlib.util.spec_from_file_location("zoo_client", _ZOO)
zoo = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(zoo)


def die(msg):
    print(f"side_by_side.py: {msg}", file=sys.stderr)
    sys.exit(1)


def cmd_freeport(_args):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


def cmd_prepare(args):
    base, out, key = args[0], args[1], args[2]
    with urllib.request.urlopen(base + "/world.json", timeout=30) as r:
        world = json.load(r)
    project = world["projects"][0]["id"]
    api = zoo.Api(base + "/graphql", key)
    task, status = zoo.create_and_wait(api, project)
    if status != "COMPLETE":
        die(f"export task {task} ended {status!r}")
    user = api.call(zoo.USER_QUERY, {})["user"]["id"]
    poll_vars = {"param_0": task, "param_1": user}
    page = zoo._lookup(api, {"where": {"id": task}, "streamType": "RESULT"}, 0)
    lines = int(page["lines"]["end"]) - int(page["lines"]["start"]) + 1
    poll_body = json.dumps({"query": zoo.TASK_QUERY, "variables": poll_vars})
    files = {
        "page_url": page["file"],
        "page_lines": str(lines),
        "project_id": project,
        "download_url": f"{base}/projects/{project}/export.ndjson?params=all&api_key={key}",
        "poll_body.json": poll_body,
        "poll.lua": (
            'wrk.method = "POST"\n'
            f'wrk.body = [==[{poll_body}]==]\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f'wrk.headers["Authorization"] = "Bearer {key}"\n'
        ),
    }
    os.makedirs(out, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(out, name), "w") as f:
            f.write(text)


def to_ms(text):
    for unit, factor in (("us", 1e-3), ("ms", 1.0), ("s", 1e3), ("m", 6e4), ("h", 3.6e6)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)


def cmd_wrk(args):
    rps = p99 = None
    non2xx = errors = 0
    with open(args[0]) as f:
        for line in f:
            w = line.split()
            if line.startswith("Requests/sec:"):
                rps = float(w[1])
            elif len(w) == 2 and w[0] == "99%":
                p99 = to_ms(w[1])
            elif line.strip().startswith("Non-2xx or 3xx responses:"):
                non2xx = int(w[-1])
            elif line.strip().startswith("Socket errors:"):
                # Socket errors: connect 0, read 0, write 0, timeout 0
                errors = sum(int(x.strip(",")) for x in w[3::2])
    if rps is None or p99 is None:
        die(f"cannot read wrk output {args[0]}")
    print(json.dumps({"rps": rps, "p99_ms": p99, "non2xx": non2xx, "errors": errors}))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime is field 14, stime field 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cmd_cpu(args):
    print(f"{cpu_seconds(int(args[0])):.3f}")


def children(pid):
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(d))
            except OSError:
                pass
    return kids


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cmd_sample(args):
    out, deadline, stop = args[0], float(args[1]), args[2]
    roots = [int(p) for p in args[3:]]
    pids = set(roots)
    rss_max = 0
    hwm = {}
    samples = 0
    while time.time() < deadline and not os.path.exists(stop):
        if samples % 20 == 0:  # nginx workers: the master's children, looked up once a second
            for r in roots:
                pids.update(children(r))
        total = 0
        for p in list(pids):
            total += status_kb(p, "VmRSS")
            h = status_kb(p, "VmHWM")
            if h:
                hwm[p] = max(hwm.get(p, 0), h)
        rss_max = max(rss_max, total)
        samples += 1
        time.sleep(0.05)
    for p in pids:
        h = status_kb(p, "VmHWM")
        if h:
            hwm[p] = max(hwm.get(p, 0), h)
    with open(out, "w") as f:
        json.dump({"rss_max_mb": rss_max / 1024, "hwm_mb": sum(hwm.values()) / 1024,
                   "processes": len(pids), "samples": samples}, f)


# figure key -> (label, unit, reference label, higher is better)
FIGURES = [
    ("page_rps", "100-row page (params all), 64 conns: req/s", "nginx, same bytes", True),
    ("page_p99_ms", "100-row page, 64 conns: p99 latency ms", "nginx, same bytes", False),
    ("download_MBps", "plain download, {rows} rows, params all: MB/s", "nginx, same bytes", True),
    ("poll_rps", "GraphQL task poll (SDK body), 64 conns: req/s", "nginx, same response bytes", True),
    ("poll_p99_ms", "GraphQL task poll, 64 conns: p99 latency ms", "nginx, same response bytes", False),
    ("rss_hwm_MB", "server peak RSS (VmHWM), 256 slow streams: MB", "nginx (sum of processes)", False),
    ("rss_sampled_MB", "server RSS (sampled VmRSS max), 256 slow streams: MB", "nginx (sum of processes)", False),
    ("rss_streams_ok", "256 slow streams: streams that got a byte in the window", "nginx", True),
    ("rss_delivered_MB", "256 slow streams: MB delivered in the window (all streams)", "nginx", True),
    ("gen1_MBps", "generate --threads 1 to /dev/null: MB/s", None, True),
    ("gen2_MBps", "generate --threads 2 to /dev/null: MB/s", None, True),
    ("sdk_server_cpu_s", "SDK 7.17.0 export of {rows} rows: server CPU s", "the SDK process's CPU s", False),
    ("sdk_wall_s", "SDK 7.17.0 export of {rows} rows: wall s", None, False),
]


def fmt(v):
    if v >= 1000:
        return f"{v:,.0f}"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def cell(vals):
    if not vals:
        return "—"
    return f"{fmt(min(vals))} / **{fmt(statistics.median(vals))}** / {fmt(max(vals))}"


def ratio(a, b):
    if not a or not b or statistics.median(b) == 0:
        return "—"
    return f"{statistics.median(a) / statistics.median(b):.2f}×"


def cmd_report(args):
    tsv, cmds, meta_path = args[0], args[1], args[2]
    json_out = args[args.index("--json") + 1] if "--json" in args else None
    with open(meta_path) as f:
        meta = json.load(f)
    data = {}
    with open(tsv) as f:
        for line in f:
            if line.strip():
                fig, target, value = line.rstrip("\n").split("\t")
                data.setdefault(fig, {}).setdefault(target, []).append(float(value))
    commands = []
    with open(cmds) as f:
        for line in f:
            if line.strip():
                fig, cmd = line.rstrip("\n").split("\t", 1)
                if (fig, cmd) not in commands:
                    commands.append((fig, cmd))
    has_base = bool(meta.get("baseline"))
    head = ["figure", "fauxport (min / **median** / max)"]
    if has_base:
        head += ["baseline (min / **median** / max)", "fauxport ÷ baseline"]
    head += ["reference", "reference (min / **median** / max)", "fauxport ÷ reference"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for key, label, ref_label, _ in FIGURES:
        if key not in data:
            continue
        d = data[key]
        ref = d.get("nginx") or d.get("sdk") or []
        row = [label.format(rows=f"{meta['rows']:,}"), cell(d.get("fauxport"))]
        if has_base:
            row += [cell(d.get("baseline")), ratio(d.get("fauxport"), d.get("baseline"))]
        row += [ref_label or "—", cell(ref) if ref_label else "—",
                ratio(d.get("fauxport"), ref) if ref_label else "—"]
        print("| " + " | ".join(row) + " |")
    print()
    print(f"- {meta['runs']} run(s) of each figure, interleaved target by target; "
          f"fauxport = `{meta['bin']}`" + (f", baseline = `{meta['baseline']}`" if has_base else ""))
    for note in dict.fromkeys(meta["notes"]):
        print(f"- {note}")
    print()
    print("Commands behind each figure (paths and URLs as in this run; its temp dir is removed at the end):")
    print()
    print("```")
    for fig, cmd in commands:
        print(f"[{fig}] {cmd}")
    print("```")
    if json_out:
        with open(json_out, "w") as f:
            json.dump({"meta": meta, "figures": data,
                       "commands": [{"figure": a, "command": b} for a, b in commands]}, f, indent=2)


def main():
    if len(sys.argv) < 2:
        die(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    {"freeport": cmd_freeport, "prepare": cmd_prepare, "wrk": cmd_wrk, "cpu": cmd_cpu,
     "sample": cmd_sample, "report": cmd_report}.get(cmd, lambda _a: die(__doc__))(args)


if __name__ == "__main__":
    main()

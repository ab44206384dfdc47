#!/usr/bin/env python3
"""Proves the origin's container image without building it: no Docker daemon is needed.

What is read from the Dockerfile, never copied from it: the stages the default target is made of,
their COPY instructions, ENV, WORKDIR, EXPOSE and ENTRYPOINT. Then:

1. The build context: every path a COPY takes from the context exists and is not ignored by
   .dockerignore, nor by .gcloudignore (which decides what `gcloud builds submit` uploads); both
   files keep the edge's artifacts, build output, the repository and local secrets out.
2. The start command: ENTRYPOINT is in exec form (a shell form would run under /bin/sh, which does
   not pass SIGTERM on), EXPOSE and cloudbuild.yaml's --port agree with ENV PORT.
3. A run: the files the runtime stage copies from the build stage are laid out as the image lays
   them out, under a temporary folder standing for the image's root (absolute paths in ENV and
   ENTRYPOINT are taken inside it; its /app is read-only, as it is to the image's user). The
   ENTRYPOINT runs there with the image's ENV, PORT set to a free port as Cloud Run sets it, and
   any --env given. /health must answer on that port; then --requests requests are sent at once,
   SIGTERM once the server counts them in flight, and every one must be answered 200 and the
   process exit 0 without a crash report.

Exits 1 with every failure listed; 0 when all hold.
"""

import argparse
import http.client
import glob
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import stat
import string
import subprocess
import sys
import tempfile
import threading
import time

# Paths that must never reach a build context: the edge Worker's artifacts, build output, the
# repository, and local secrets.
MUST_EXCLUDE = [
    "edge/node_modules/x",
    "edge/.wrangler/x",
    "edge/dist/x",
    ".dev.vars",
    "edge/.dev.vars",
    ".env",
    "edge/.env",
    "target/origin.jar",
    ".git/HEAD",
]


def logical_lines(text):
    """The Dockerfile's instructions, continuation lines joined, comments and blanks left out."""
    lines, current = [], ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        lines.append((current + stripped).strip())
        current = ""
    if current:
        lines.append(current.strip())
    return lines


def parse_stages(text):
    """A list of stages: {name, base, instructions: [(keyword, rest)]}."""
    stages = []
    for line in logical_lines(text):
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        rest = rest.strip()
        if keyword == "FROM":
            words = rest.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append({"name": name, "base": words[0], "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((keyword, rest))
    return stages


def chain(stages, index):
    """The stage at index and the earlier stages it is built FROM, root first."""
    by_name = {s["name"]: s for s in stages[:index] if s["name"]}
    result = [stages[index]]
    while result[0]["base"] in by_name:
        result.insert(0, by_name[result[0]["base"]])
    return result


def parse_env(rest):
    words = shlex.split(rest)
    if words and "=" not in words[0]:
        return {words[0]: rest.split(None, 1)[1] if len(words) > 1 else ""}
    return dict(word.split("=", 1) for word in words)


def parse_copy(rest):
    """(flags, sources, destination) of a COPY; an exec-form (JSON) COPY is read too."""
    words = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
    flags = {}
    while words and words[0].startswith("--"):
        key, _, value = words.pop(0)[2:].partition("=")
        flags[key] = value
    return flags, words[:-1], words[-1]


def ignore_regex(pattern, gitignore):
    """A regular expression for one ignore pattern, matching a path relative to the context.

    .dockerignore patterns are anchored at the context's root; .gcloudignore follows .gitignore,
    where a pattern with no slash but a trailing one matches at any depth.
    """
    pattern = pattern.strip().rstrip("/")
    if gitignore and "/" not in pattern:
        pattern = "**/" + pattern
    pattern = pattern.lstrip("/")
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def read_ignore(path, gitignore):
    rules = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            rules.append((negated, ignore_regex(line.lstrip("!"), gitignore)))
    return rules


def is_ignored(rules, path):
    """Whether path (relative, '/'-separated) or a folder it is in is ignored; last rule wins."""
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    ignored = False
    for negated, regex in rules:
        if any(regex.match(c) for c in candidates):
            ignored = not negated
    return ignored


def check_context(args, stages, target, failures):
    ignores = {
        ".dockerignore": read_ignore(os.path.join(args.context, ".dockerignore"), False),
        ".gcloudignore": read_ignore(os.path.join(args.context, ".gcloudignore"), True),
    }
    needed = ["Dockerfile", ".dockerignore"]
    for stage in stages[: target + 1]:
        for keyword, rest in stage["instructions"]:
            if keyword not in ("COPY", "ADD"):
                continue
            flags, sources, _ = parse_copy(rest)
            if "from" in flags:
                continue
            for source in sources:
                if "$" in source:
                    print(f"note: COPY {source} names a build argument; not checked")
                    continue
                if not os.path.exists(os.path.join(args.context, source)):
                    failures.append(f"COPY {source}: no such path in the build context")
                needed.append(source)
    for name, rules in ignores.items():
        for path in needed:
            if is_ignored(rules, path):
                failures.append(f"{name} excludes {path}, which the image build needs")
        for path in MUST_EXCLUDE:
            if not is_ignored(rules, path):
                failures.append(f"{name} does not exclude {path}")
    return needed


def image_config(stages, target, failures):
    """ENV, WORKDIR, EXPOSE, ENTRYPOINT and CMD of the target as the image would carry them."""
    config = {"env": {}, "workdir": "/", "expose": [], "entrypoint": None, "cmd": []}
    for stage in chain(stages, target):
        for keyword, rest in stage["instructions"]:
            if keyword == "ENV":
                config["env"].update(parse_env(rest))
            elif keyword == "WORKDIR":
                config["workdir"] = os.path.join(config["workdir"], rest)
            elif keyword == "EXPOSE":
                config["expose"] += [p.split("/")[0] for p in rest.split()]
            elif keyword in ("ENTRYPOINT", "CMD"):
                if not rest.startswith("["):
                    failures.append(
                        f"{keyword} is in shell form; /bin/sh would be PID 1 and not pass"
                        " SIGTERM on"
                    )
                    continue
                config[keyword.lower()] = json.loads(rest)
    if not config["entrypoint"]:
        failures.append("the default target has no exec-form ENTRYPOINT")
    port = config["env"].get("PORT")
    if port not in config["expose"]:
        failures.append(f"EXPOSE {config['expose']} does not include ENV PORT={port}")
    return config


def check_cloudbuild(args, config, failures):
    with open(os.path.join(args.context, "cloudbuild.yaml"), encoding="utf-8") as f:
        ports = re.findall(r"--port=(\d+)", f.read())
    port = config["env"].get("PORT")
    if ports != [port]:
        failures.append(f"cloudbuild.yaml --port {ports} is not ENV PORT={port}")


def lay_out(args, stages, target, root):
    """Copies what the target's stages COPY --from a build stage into root, as the image has it."""
    by_name = {s["name"]: s for s in stages if s["name"]}
    for stage in chain(stages, target):
        for keyword, rest in stage["instructions"]:
            if keyword != "COPY":
                continue
            flags, sources, dest = parse_copy(rest)
            if "from" not in flags:
                continue
            built = by_name[flags["from"]]["instructions"]
            workdir = next((r for k, r in reversed(built) if k == "WORKDIR"), "/")
            for source in sources:
                local = os.path.join(args.context, os.path.relpath(source, workdir))
                into = os.path.join(root, dest.lstrip("/"))
                if not os.path.exists(local):
                    raise SystemExit(f"{local} (COPY --from={flags['from']} {source}) is not built")
                if os.path.isdir(local):
                    shutil.copytree(local, into, dirs_exist_ok=True)
                else:
                    os.makedirs(os.path.dirname(into), exist_ok=True)
                    shutil.copy2(local, into)


def rooted(value, root):
    """An absolute path of the image, taken inside root; anything else as it is."""
    return os.path.join(root, value.lstrip("/")) if value.startswith("/") else value


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def in_flight(port):
    _, text = get(port, "/metrics")
    match = re.search(r"^origin_requests_in_flight (\S+)$", text, re.M)
    return float(match.group(1)) if match else 0


def jdk_home():
    """JAVA_HOME, else a JDK 25 under /usr/lib/jvm, where scripts/lib/jdk.sh looks too; the
    image's java is 25 and the machine's default may be older."""
    candidates = [os.environ.get("JAVA_HOME", "")]
    candidates += ["/usr/lib/jvm/temurin-25-jdk-amd64"] + sorted(glob.glob("/usr/lib/jvm/*25*"))
    for candidate in candidates:
        if candidate and os.access(os.path.join(candidate, "bin", "java"), os.X_OK):
            return candidate
    return None


def run_image(args, config, root, failures):
    env = {k: rooted(v, root) for k, v in config["env"].items()}
    port = free_port()
    env["PORT"] = str(port)
    env.update(dict(e.split("=", 1) for e in args.env))
    command = config["entrypoint"] + config["cmd"]
    java_home = jdk_home()
    program = os.path.join(java_home, "bin", command[0]) if java_home else command[0]
    argv = [program] + [rooted(a, root) for a in command[1:]]
    workdir = rooted(config["workdir"], root)
    for folder, _, files in os.walk(os.path.join(root, "app")):
        for name in files + [""]:
            path = os.path.join(folder, name)
            os.chmod(path, os.stat(path).st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    print(f"run: PORT={port} {' '.join(shlex.quote(a) for a in command)} (in {workdir})")
    log = open(os.path.join(root, "origin.log"), "w+", encoding="utf-8")
    full_env = dict(os.environ)
    full_env.update(env)
    process = subprocess.Popen(
        argv, cwd=workdir, env=full_env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        if not wait_healthy(process, port, failures):
            return log
        body = request_body(args.words)
        statuses = []
        threads = [
            threading.Thread(target=post, args=(port, body, statuses)) for _ in range(args.requests)
        ]
        for t in threads:
            t.start()
        # SIGTERM once the server counts every request as received (the scrape counts itself
        # too), and a second later, when they are well into their work: what is checked is that
        # work under way is finished, not a request that arrives in the same instant as the signal.
        deadline = time.monotonic() + 30
        while in_flight(port) < args.requests + 1:
            if time.monotonic() > deadline:
                failures.append(f"the {args.requests} requests were never in flight together")
                break
            time.sleep(0.05)
        time.sleep(1)
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=args.grace + 30)
        for t in threads:
            t.join()
        if code != 0:
            failures.append(f"exit code {code} after SIGTERM")
        if statuses.count(200) != args.requests:
            failures.append(f"in-flight requests at SIGTERM were answered {statuses}")
        log.seek(0)
        if "SIGSEGV" in log.read():
            failures.append("the JVM crashed (SIGSEGV) during shutdown")
        if not failures:
            print(f"PASS {args.requests} in-flight requests answered after SIGTERM, exit 0")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return log


def wait_healthy(process, port, failures):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            failures.append(f"exited with {process.returncode} during start-up")
            return False
        try:
            status, text = get(port, "/health", timeout=2)
            if status == 200 and json.loads(text).get("status") == "ok":
                print(f"PASS /health answers on PORT={port}: {json.loads(text)['compressor']}")
                return True
        except OSError:
            pass
        time.sleep(0.2)
    failures.append(f"no /health answer on PORT={port} within 60 s")
    return False


def request_body(words):
    """A /compress body of random lower-case words: seconds of model work, the same every run."""
    rng = random.Random(7)
    text = " ".join("".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(words))
    return json.dumps({"text": text}).encode("utf-8")


def post(port, body, statuses):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("POST", "/compress", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        statuses.append(response.status)
    except OSError as e:
        statuses.append(type(e).__name__)
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--context", default=".", help="the build context (the repository root)")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE added at run")
    parser.add_argument("--requests", type=int, default=3, help="requests in flight at SIGTERM")
    parser.add_argument("--grace", type=int, default=120, help="seconds allowed for the stop")
    parser.add_argument(
        "--words", type=int, default=20000, help="random words in each in-flight request's text"
    )
    parser.add_argument("--static-only", action="store_true", help="read the files, run nothing")
    args = parser.parse_args()

    with open(os.path.join(args.context, "Dockerfile"), encoding="utf-8") as f:
        stages = parse_stages(f.read())
    target = len(stages) - 1
    failures = []
    check_context(args, stages, target, failures)
    config = image_config(stages, target, failures)
    check_cloudbuild(args, config, failures)
    if not failures:
        print("PASS Dockerfile, .dockerignore, .gcloudignore and cloudbuild.yaml agree")
    if not failures and not args.static_only:
        root = tempfile.mkdtemp(prefix="origin-image-")
        log = None
        try:
            lay_out(args, stages, target, root)
            log = run_image(args, config, root, failures)
            if failures:
                log.seek(0)
                print(log.read()[-4000:], file=sys.stderr)
        finally:
            if log:
                log.close()
            for folder, _, _ in os.walk(root):
                os.chmod(folder, 0o755)
            shutil.rmtree(root, ignore_errors=True)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

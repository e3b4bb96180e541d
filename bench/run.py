"""`make bench`: every figure of issue 10 in one run, side by side, against a stack started here.

The stack (production settings, loopback ports 8291-8294, a database of its own, a Redis of its own):

    gunicorn "cached"   :8291  WEB_WORKERS sync workers, the in-app page cache on (Redis)
    gunicorn "uncached" :8292  the same code with PAGE_CACHE_IN_APP=false (renders every request)
    Varnish             :8293  deploy/varnish/site.vcl in front of :8291
    redis-server        :8294

Each figure is one wrk run (BENCH_SECONDS, BENCH_CONNECTIONS) after a short warm-up. Worker CPU per
request is the utime+stime the server's worker processes used during the run (/proc), divided by the
requests wrk counted; SQL per request is counted in-process (bench/sql_counts.py, same settings and data).
The machine is shared: compare figures of one run with each other (the ratios), not across runs.
Not a test: it asserts nothing except that nothing was lost; PASS/GAP lines compare with the targets.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatment_site.loopback_stack import production_env  # noqa: E402  (the repository root is on the path now)

PY = sys.executable
BIN = Path(PY).parent
PORTS = {"CACHED": 8291, "UNCACHED": 8292, "VARNISH": 8293, "REDIS": 8294}
SECONDS = int(os.environ.get("BENCH_SECONDS", 5))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 8))
WORKERS = os.environ.get("WEB_WORKERS", "2")
REQUESTS_IN_DB = int(os.environ.get("BENCH_REQUESTS_IN_DB", 100_000))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/harborlight_bench")
ARTICLE = "/drugs/klonopin/"
STAFF_LIST = "/admin/insurance_requests/"
STAFF_FILTERED = "/admin/insurance_requests/?status=new&kind=insurance"
TICKS = os.sysconf("SC_CLK_TCK")
WRK_REPORT = Path(__file__).with_name("wrk_report.lua")


def stack_env():
    varnish = f"http://127.0.0.1:{PORTS['VARNISH']}"
    return production_env(
        site_url=varnish,
        origins=[varnish],
        database_url=DATABASE_URL,
        redis_url=f"redis://127.0.0.1:{PORTS['REDIS']}/0",
        encryption_key="YmVuY2gtb25seS1rZXktYmVuY2gtb25seS1rZXktMDE=",
        CHAT_REDIS_URL=f"redis://127.0.0.1:{PORTS['REDIS']}/1",
        # Every simulated visitor shares one address: the form's per-client limits would stop them.
        INTAKE_RATE_LIMIT_COUNT="100000000",
        INTAKE_POST_FLOOD_COUNT="100000000",
        LOG_LEVEL="WARNING",
    )


def manage(env, *args):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def psql(sql, url=DATABASE_URL):
    return subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()


def wait_http(url, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def workers_cpu_seconds(master_pid):
    """utime + stime of the master's child processes (the gunicorn workers, or varnishd's cache child)."""
    total = 0
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    for pid in children:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def wrk(url, master_pid, *, connections=CONNECTIONS, seconds=SECONDS, script=None, headers=()):
    """One warm-up second, then a measured run. Returns requests/s, p50/p99 (ms), CPU ms/req, errors."""
    args = ["wrk", "-t", "2", "-c", str(connections), "--latency", "-s", str(script or WRK_REPORT)]
    for header in headers:
        args += ["-H", header]
    subprocess.run([*args, "-d", "1s", url], check=True, capture_output=True)
    before = workers_cpu_seconds(master_pid)
    out = subprocess.run([*args, "-d", f"{seconds}s", url], check=True, capture_output=True, text=True).stdout
    cpu = workers_cpu_seconds(master_pid) - before
    data = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    data["cpu_ms"] = cpu * 1000 / max(data["requests"], 1)
    return data


def static_path():
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]
    return "/static/" + manifest["css/site.css"]


def csrf_pair(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/verify-insurance/", timeout=10) as response:  # noqa: S310
        cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    return cookie, token


def post_script(tmp, body, cookie):
    script = tmp / "post.lua"
    script.write_text(
        WRK_REPORT.read_text()
        + f'\nwrk.method = "POST"\nwrk.body = "{body}"\n'
        + 'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        + f'wrk.headers["Cookie"] = "csrftoken={cookie}"\n'
    )
    return script


def fmt(row):
    return (
        f"{row['name']:<44} {row['rps']:>9,.0f} {row['p50']:>9.2f} {row['p99']:>9.2f} "
        f"{row['cpu_ms']:>8.2f} {row['sql']:>5} {row['bad']:>6}"
    )


def main():
    for tool in ("wrk", "varnishd", "redis-server", "psql"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"make bench needs {tool} (make prod-tools installs wrk and varnish)")
    tmp = Path(tempfile.mkdtemp(prefix="harborlight-bench-"))
    env = stack_env()
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', admin_url)
    psql(f'CREATE DATABASE "{name}"', admin_url)
    procs = {}

    def start(label, *cmd, extra=None):
        log = open(tmp / f"{label}.log", "w")  # noqa: SIM115 - closed with the process
        procs[label] = subprocess.Popen(cmd, cwd=ROOT, env={**env, **(extra or {})}, stdout=log, stderr=log)
        return procs[label]

    try:
        start("redis", "redis-server", "--port", str(PORTS["REDIS"]), "--save", "", "--appendonly", "no",
              "--bind", "127.0.0.1")  # fmt: skip
        print(f"Preparing the bench database {name} (demo content, {REQUESTS_IN_DB:,} insurance requests) ...")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo_content")
        manage(env, "set_site_host")
        prepared = json.loads(
            subprocess.run(
                [PY, str(ROOT / "bench" / "sql_counts.py"), "prepare", str(REQUESTS_IN_DB)],
                cwd=ROOT, env=env, check=True, capture_output=True, text=True,
            ).stdout.splitlines()[-1]
        )  # fmt: skip
        gunicorn_args = ["--workers", WORKERS, "--no-control-socket"]  # GUNICORN_CMD_ARGS may add --threads
        cached = start("cached", str(BIN / "gunicorn"), "treatment_site.wsgi:application",
                       "--bind", f"127.0.0.1:{PORTS['CACHED']}", *gunicorn_args)  # fmt: skip
        uncached = start("uncached", str(BIN / "gunicorn"), "treatment_site.wsgi:application",
                         "--bind", f"127.0.0.1:{PORTS['UNCACHED']}", *gunicorn_args,
                         extra={"PAGE_CACHE_IN_APP": "false"})  # fmt: skip
        varnish = start("varnish", "sh", str(ROOT / "deploy" / "varnish" / "run-varnish.sh"), "-F",
                        extra={"VARNISH_LISTEN": f"127.0.0.1:{PORTS['VARNISH']}",
                               "VARNISH_BACKEND": f"127.0.0.1:{PORTS['CACHED']}",
                               "VARNISH_WORKDIR": tempfile.mkdtemp(prefix="bench-varnish-"), "VARNISH_STORAGE": "malloc,64m"})  # fmt: skip
        for port in ("CACHED", "UNCACHED", "VARNISH"):
            wait_http(f"http://127.0.0.1:{PORTS[port]}/healthz")
        time.sleep(1)  # varnishd forks its cache child after answering

        sql = json.loads(
            subprocess.run(
                [PY, str(ROOT / "bench" / "sql_counts.py"), "count", ARTICLE, STAFF_LIST, STAFF_FILTERED],
                cwd=ROOT, env=env, check=True, capture_output=True, text=True,
            ).stdout.splitlines()[-1]
        )  # fmt: skip
        staff_cookie = f"Cookie: sessionid={prepared['session']}"
        cached_url, uncached_url = (f"http://127.0.0.1:{PORTS[p]}" for p in ("CACHED", "UNCACHED"))
        rows = []

        def measure(name, url, master, sql_count, **kwargs):
            result = wrk(url, master, **kwargs)
            bad = result["non2xx3xx"] + result["socket_errors"]
            rows.append({"name": name, "sql": sql_count, "bad": bad, **result})
            print(fmt(rows[-1]), flush=True)
            return rows[-1]

        print(flush=True)
        print(f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s, {WORKERS} sync workers per gunicorn, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} at start")  # fmt: skip
        print(f"{'request':<44} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'CPU ms':>8} {'SQL':>5} {'errors':>6}")
        static = measure("static ceiling (hashed CSS, gunicorn)", cached_url + static_path(), cached.pid, 0)
        hit = measure("article, in-app cache hit (gunicorn)", cached_url + ARTICLE, cached.pid, 0)
        varnish_hit = measure("article through Varnish (hit)", f"http://127.0.0.1:{PORTS['VARNISH']}{ARTICLE}",
                              varnish.pid, 0)  # fmt: skip
        article = measure("article uncached (gunicorn)", uncached_url + ARTICLE, uncached.pid, sql[ARTICLE])
        measure("home uncached (gunicorn)", uncached_url + "/", uncached.pid, sql["/"])
        measure(
            "search 'benzo' (never cached)", uncached_url + "/search/?q=benzo", uncached.pid, sql["/search/?q=benzo"]
        )

        rows_before = int(psql("SELECT count(*) FROM intake_verificationrequest"))
        cookie, token = csrf_pair(PORTS["UNCACHED"])
        body = prepared["form"] + "&csrfmiddlewaretoken=" + token
        post = measure("insurance form POST (gunicorn)", uncached_url + "/verify-insurance/", uncached.pid,
                       sql["POST /verify-insurance/"], script=post_script(tmp, body, cookie))  # fmt: skip
        time.sleep(1)
        created = int(psql("SELECT count(*) FROM intake_verificationrequest")) - rows_before
        answered = post["requests"] - post["non2xx3xx"]

        listing = measure(f"staff list, {REQUESTS_IN_DB:,} requests", uncached_url + STAFF_LIST, uncached.pid,
                          sql[STAFF_LIST], connections=2, headers=[staff_cookie])  # fmt: skip
        filtered = measure("staff list filtered (status, kind)", uncached_url + STAFF_FILTERED, uncached.pid,
                           sql[STAFF_FILTERED], connections=2, headers=[staff_cookie])  # fmt: skip
        print(
            f"form POST: {answered} redirects to the thank-you page, {created} rows created "
            f"({created - answered} still in flight when wrk stopped), lost {max(0, answered - created)}"
        )
        print(f"SQL per request: {json.dumps(sql)}")

        print("\nLive chat (bench/chat_load.py, its own uvicorn):", flush=True)
        chat = subprocess.run(
            [PY, str(ROOT / "bench" / "chat_load.py")], cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "BENCH_WRITE_RESULTS": "0",
                 "BENCH_REDIS_URL": f"redis://127.0.0.1:{PORTS['REDIS']}/5"},
        )  # fmt: skip
        if chat.returncode == 0:
            print(chat.stdout.strip())
        else:
            rejected = sorted({line for line in chat.stderr.splitlines() if "rejected" in line or "Error" in line})
            print(f"  chat_load.py exited with {chat.returncode}: {'; '.join(rejected[:3]) or chat.stderr[-300:]}")
        chat_p99 = re.search(r"p99 ([0-9.]+) ms", chat.stdout)
        chat_lost = re.search(r"lost (\d+)", chat.stdout)

        print("\nTargets (issue 10), this run:")
        checks = [
            ("uncached article SQL <= 12", sql[ARTICLE] <= 12, f"{sql[ARTICLE]} queries"),
            ("uncached article CPU <= 10 ms/req (bakerydemo blog page: 45)", article["cpu_ms"] <= 10,
             f"{article['cpu_ms']:.1f} ms"),
            ("in-app cache hit >= 80 % of the static ceiling", hit["rps"] >= 0.8 * static["rps"],
             f"{hit['rps'] / static['rps']:.0%}"),
            ("Varnish hit >= 10x uncached article", varnish_hit["rps"] >= 10 * article["rps"],
             f"{varnish_hit['rps'] / article['rps']:,.0f}x"),
            ("insurance POST >= 200/s, 0 lost", post["rps"] >= 200 and answered <= created and post["non2xx3xx"] == 0,
             f"{post['rps']:.0f}/s, lost {max(0, answered - created)}, errors {post['non2xx3xx']}"),
            ("staff list < 150 ms (p50), constant SQL", listing["p50"] < 150 and sql[STAFF_LIST] == sql[STAFF_LIST + "@10"],
             f"{listing['p50']:.0f} ms, {sql[STAFF_LIST]} queries (10 rows: {sql[STAFF_LIST + '@10']})"),
            ("filtered list < 150 ms (p50), constant SQL",
             filtered["p50"] < 150 and sql[STAFF_FILTERED] == sql[STAFF_FILTERED + "@10"],
             f"{filtered['p50']:.0f} ms, {sql[STAFF_FILTERED]} queries (10 rows: {sql[STAFF_FILTERED + '@10']})"),
            ("chat p99 < 250 ms at 200 msg/s, 0 lost",
             bool(chat_p99 and chat_lost and float(chat_p99.group(1)) < 250 and chat_lost.group(1) == "0"),
             f"p99 {chat_p99.group(1) if chat_p99 else '?'} ms, lost {chat_lost.group(1) if chat_lost else '?'}"),
        ]  # fmt: skip
        for label, ok, figure in checks:
            print(f"  {'PASS' if ok else 'GAP '}  {label}: {figure}")
        if answered > created:
            sys.exit("FAIL: form posts answered with a redirect but not stored")
    except Exception:
        for log in sorted(tmp.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text()[-1500:]}", file=sys.stderr)
        raise
    finally:
        for proc in reversed(list(procs.values())):
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

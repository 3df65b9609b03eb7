#!/usr/bin/env bash
# Git history benchmark: the pass that finds every content file's last
# change and contributors (one `git log` over content/, its output read),
# timed on its own by the history-pass example, RUNS times; prints the
# median. The repository is generated once with `git fast-import` and kept
# under target/bench/: FILES content files (added over the first fifth of
# the commits) and COMMITS commits by 40 people (five of them under two
# emails, joined by .mailmap), each later commit changing one to four files,
# some co-authored, some renaming a file, some touching files outside
# content/; then it is packed again, as a clone would receive it.
#
#   benches/git-history.sh                  # 10,000 files, 5,000 commits, 7 runs
#   FILES=1000 COMMITS=500 RUNS=3 benches/git-history.sh
set -euo pipefail
cd "$(dirname "$0")/.."
files=${FILES:-10000}
commits=${COMMITS:-5000}
runs=${RUNS:-7}

cargo build --release --quiet --example history-pass
repo=target/bench/git-history-$files-$commits

if [ ! -f "$repo/.generated" ]; then
  rm -rf "$repo"
  mkdir -p "$repo"
  export GIT_CONFIG_NOSYSTEM=1 HOME="$PWD/$repo"
  git -C "$repo" init -q -b main
  python3 - "$files" "$commits" <<'EOF' | git -C "$repo" fast-import --quiet
import random, sys

files, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
out = sys.stdout.buffer
collections = ["library", "case-studies", "experts", "discussions", "replies", "events"]
people = [(f"Person {i:02}", f"person{i:02}@example.org") for i in range(40)]
# Five people also committed under an old address; .mailmap joins them.
old = {i: f"p{i:02}@old.example.net" for i in range(0, 40, 8)}
words = "teacher school literacy numeracy parents assessment rural island community practice".split()

def data(text):
    body = text.encode()
    out.write(b"data %d\n" % len(body) + body + b"\n")

def entry(path, revision):
    title = " ".join(rng.choice(words) for _ in range(5)).capitalize()
    prose = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
    return (f'+++\ntitle = "{title}"\nsummary = "About {path}."\ndate = 2024-01-01\n+++\n\n'
            f"{prose}\n\nRevision {revision}.\n")

paths = []
added = 0
add_commits = max(1, commits // 5)
per_commit = -(-files // add_commits)
when = 1546300800  # 2019-01-01
for n in range(1, commits + 1):
    when += rng.randint(600, 40000)
    who = rng.randrange(len(people))
    name, email = people[who]
    if who in old and rng.random() < 0.5:
        email = old[who]
    changes = []
    message = f"Change {n}"
    if added < files and n <= add_commits:
        for _ in range(min(per_commit, files - added)):
            path = f"content/{collections[added % 6]}/entry-{added:05}.md"
            paths.append(path)
            changes.append(("M", path))
            added += 1
    else:
        for path in rng.sample(paths, rng.randint(1, 4)):
            changes.append(("M", path))
        if rng.random() < 0.01:
            i = rng.randrange(len(paths))
            new = paths[i].replace(".md", f"-r{n}.md")
            changes.append(("R", paths[i], new))
            paths[i] = new
        if rng.random() < 0.15:
            helper = people[rng.randrange(len(people))]
            message += f"\n\nCo-authored-by: {helper[0]} <{helper[1]}>"
    if rng.random() < 0.1:
        changes.append(("M", f"themes/hub/templates/part-{rng.randrange(20)}.html"))
    out.write(b"commit refs/heads/main\n")
    out.write(f"author {name} <{email}> {when} +0000\n".encode())
    out.write(f"committer {name} <{email}> {when} +0000\n".encode())
    data(message)
    for change in changes:
        if change[0] == "R":
            out.write(f"R {change[1]} {change[2]}\n".encode())
        else:
            out.write(f"M 100644 inline {change[1]}\n".encode())
            data(entry(change[1], n))
    out.write(b"\n")
EOF
  python3 - >"$repo/.mailmap" <<'EOF'
for i in range(0, 40, 8):
    print(f"Person {i:02} <person{i:02}@example.org> <p{i:02}@old.example.net>")
EOF
  git -C "$repo" checkout -q -f main
  # Packed as a clone would receive it: fast-import's own pack is looser.
  git -C "$repo" repack -adfq
  touch "$repo/.generated"
fi

echo "repository: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" ls-files content | wc -l) content files"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
target/release/examples/history-pass "$repo" "$runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
